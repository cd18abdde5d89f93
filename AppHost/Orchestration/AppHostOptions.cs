using System.ComponentModel.DataAnnotations;

namespace Platform.AppHost.Orchestration;

/// <summary>Settings of the local run (configuration section <c>AppHost</c>).</summary>
public sealed class AppHostOptions
{
    public const string Section = "AppHost";

    /// <summary>Data, logs and the development certificate; defaults to <c>.platform/apphost</c> in the repository.</summary>
    public string? DataDirectory { get; set; }

    [Range(1, 65535)]
    public int GatewayHttpPort { get; set; } = 8080;

    [Range(1, 65535)]
    public int GatewayHttpsPort { get; set; } = 8443;

    [Range(1, 65535)]
    public int DashboardPort { get; set; } = 18888;

    /// <summary>Everything must be healthy within this time, or the AppHost stops and exits non-zero.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(3);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:05")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>First pause before restarting a crashed process; doubles up to 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RestartBackoff { get; set; } = TimeSpan.FromSeconds(1);
}
