namespace Platform.LocalInfra;

/// <summary>
/// One of the platform's own .NET apps running as a child process on a free loopback port,
/// configured only through environment variables (the way Aspire runs projects).
/// </summary>
public sealed class ProjectProcess : IAsyncDisposable
{
    private ProjectProcess(string name, ExternalProcess process, Uri baseAddress)
    {
        Name = name;
        Process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public ExternalProcess Process { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts the app and waits until <paramref name="readinessPath"/> answers 2xx (and <paramref name="https"/>, when given, accepts connections).</summary>
    public static async Task<ProjectProcess> StartAsync(
        string name,
        string assemblyPath,
        IReadOnlyDictionary<string, string?> environment,
        string logFile,
        string readinessPath = "/health",
        TimeSpan? timeout = null,
        int? port = null,
        HttpsEndpoint? https = null,
        CancellationToken cancellationToken = default)
    {
        port ??= FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var env = new Dictionary<string, string?>(environment)
        {
            ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/'),
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["DOTNET_NOLOGO"] = "1",
        };
        env.TryAdd("OTEL_SERVICE_NAME", name);
        if (https is not null)
        {
            // Both endpoints through Kestrel's configuration (which would override ASPNETCORE_URLS anyway).
            env["ASPNETCORE_URLS"] = null;
            env["Kestrel__Endpoints__Http__Url"] = baseAddress.ToString().TrimEnd('/');
            env["Kestrel__Endpoints__Https__Url"] = https.Address.ToString().TrimEnd('/');
            env["Kestrel__Endpoints__Https__Certificate__Path"] = https.CertificatePath;
            env["Kestrel__Endpoints__Https__Certificate__KeyPath"] = https.KeyPath;
        }
        var process = ExternalProcess.Start(name, "dotnet", [assemblyPath], logFile, env, Path.GetDirectoryName(assemblyPath));
        var app = new ProjectProcess(name, process, baseAddress);
        try
        {
            using var client = new HttpClient { BaseAddress = baseAddress };
            await Readiness.WaitAsync(name, async ct =>
            {
                using var response = await client.GetAsync(readinessPath, ct);
                return response.IsSuccessStatusCode;
            }, timeout ?? TimeSpan.FromSeconds(60), process, logFile, cancellationToken);
            // Kestrel serves its first endpoint while it still loads the certificate for the next:
            // the plain-HTTP probe can pass before the HTTPS port accepts connections.
            if (https is not null)
            {
                await Readiness.WaitAsync(name + " (https)", ct => FreePort.AcceptsAsync("127.0.0.1", https.Port, ct),
                    TimeSpan.FromSeconds(30), process, logFile, cancellationToken);
            }
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
