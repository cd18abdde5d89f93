using System.Reflection;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>Who this process is: the logical service name and this instance's id.</summary>
public sealed record ServiceIdentity(string Service)
{
    /// <summary>Unique per process start, so a restarted instance is a new row, not an update.</summary>
    public string InstanceId { get; } = $"{Service}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    public string Version { get; } =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
