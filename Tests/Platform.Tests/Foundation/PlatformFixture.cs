using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>The whole platform running on the shared servers, for tests that only observe it.</summary>
public sealed class PlatformFixture(PlatformServers servers) : IAsyncLifetime
{
    private RunningPlatform? _platform;

    public RunningPlatform Platform => _platform ?? throw new InvalidOperationException("Platform not started.");

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The gateway with the platform admin key on every request.</summary>
    public HttpClient AdminGateway { get; private set; } = null!;

    public HttpClient Client(PlatformProject project) => new() { BaseAddress = Platform[project].BaseAddress };

    public async ValueTask InitializeAsync()
    {
        _platform = await RunningPlatform.StartAsync(servers, TestTags.New("gw"));
        Gateway = Client(PlatformProject.Gateway);
        AdminGateway = Client(PlatformProject.Gateway);
        AdminGateway.DefaultRequestHeaders.Add("X-Admin-Key", TestSecrets.AdminKey);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        AdminGateway?.Dispose();
        if (_platform is not null) await _platform.DisposeAsync();
    }
}
