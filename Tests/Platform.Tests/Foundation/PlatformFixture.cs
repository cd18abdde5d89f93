using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>The whole platform running on the shared servers, for tests that only observe it.</summary>
public sealed class PlatformFixture(PlatformServers servers) : IAsyncLifetime
{
    private RunningPlatform? _platform;

    public RunningPlatform Platform => _platform ?? throw new InvalidOperationException("Platform not started.");

    public HttpClient Gateway { get; private set; } = null!;

    public HttpClient Client(PlatformProject project) => new() { BaseAddress = Platform[project].BaseAddress };

    public async ValueTask InitializeAsync()
    {
        _platform = await RunningPlatform.StartAsync(servers, TestTags.New("gw"));
        Gateway = Client(PlatformProject.Gateway);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (_platform is not null) await _platform.DisposeAsync();
    }
}
