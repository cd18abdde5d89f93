namespace Platform.LocalInfra;

/// <summary>
/// Where the local servers keep their state, and which servers are external. An external
/// connection string replaces the local server, as Aspire's AddConnectionString does.
/// </summary>
public sealed record LocalInfraOptions
{
    /// <summary>Per-run directory for data, sockets and logs.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>The repository root (for the garnet-server tool manifest).</summary>
    public required string RepositoryRoot { get; init; }

    public string? ExternalPostgres { get; init; }

    public string? ExternalRedis { get; init; }

    public string? ExternalMessaging { get; init; }

    /// <summary>Management API of an external broker; defaults to port 15672 on the AMQP host.</summary>
    public string? ExternalMessagingManagement { get; init; }

    /// <summary>Reads <c>ConnectionStrings__postgres|redis|messaging</c> from the environment.</summary>
    public static LocalInfraOptions FromEnvironment(string runDirectory, string repositoryRoot) => new()
    {
        RunDirectory = runDirectory,
        RepositoryRoot = repositoryRoot,
        ExternalPostgres = Read("ConnectionStrings__postgres"),
        ExternalRedis = Read("ConnectionStrings__redis"),
        ExternalMessaging = Read("ConnectionStrings__messaging"),
        ExternalMessagingManagement = Read("ConnectionStrings__messaging-management"),
    };

    private static string? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
