namespace Platform.AppHost.Hosting;

/// <summary>One of the platform's .NET projects, run from its build output.</summary>
public sealed class ProjectResource(string name, string projectPath) : Resource(name)
{
    public override string Kind => "Project";

    /// <summary>The .csproj, relative to the repository root.</summary>
    public string ProjectPath { get; } = projectPath;

    public string AssemblyName => Path.GetFileNameWithoutExtension(ProjectPath);

    /// <summary>Fixed HTTP port, or null for one chosen free at start.</summary>
    public int? HttpPort { get; set; }

    /// <summary>Fixed HTTPS port; null means the project has no HTTPS endpoint.</summary>
    public int? HttpsPort { get; set; }

    /// <summary>Exposed outside the deployment (the gateway); everything else stays internal.</summary>
    public bool External { get; set; }

    /// <summary>The port the running project listens on for HTTP; set by the orchestrator.</summary>
    public int? AllocatedHttpPort { get; set; }

    public string? HttpUrl => AllocatedHttpPort is { } port ? $"http://127.0.0.1:{port}" : null;

    public string? HttpsUrl => HttpsPort is { } port ? $"https://localhost:{port}" : null;
}
