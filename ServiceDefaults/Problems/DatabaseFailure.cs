using System.Data.Common;
using Polly.CircuitBreaker;

namespace Platform.ServiceDefaults.Problems;

/// <summary>Tells a database that cannot be reached (or whose breaker is open) from a bug.</summary>
public static class DatabaseFailure
{
    /// <summary>Why the database is unavailable, or null when <paramref name="exception"/> is something else.</summary>
    public static string? Reason(Exception exception) => exception switch
    {
        BrokenCircuitException => "The database circuit breaker is open after repeated failures.",
        DbException { IsTransient: true } => "The database cannot be reached.",
        Npgsql.NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException or IOException } => "The database cannot be reached.",
        Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException => "The database cannot be reached.",
        InvalidOperationException { InnerException: { } inner } => Reason(inner),
        _ => null,
    };

    public static bool Is(Exception exception) => Reason(exception) is not null;
}
