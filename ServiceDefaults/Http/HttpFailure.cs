using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Platform.ServiceDefaults.Http;

/// <summary>Tells a call that got no answer from one that got an answer, whatever that answer said.</summary>
public static class HttpFailure
{
    /// <summary>A call that failed on the way to the service, got no answer in time, or was refused by its open breaker.</summary>
    public static bool IsUnreachable(Exception exception) =>
        exception is HttpRequestException or TimeoutException or BrokenCircuitException or TimeoutRejectedException;
}
