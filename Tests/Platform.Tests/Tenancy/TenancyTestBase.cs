using Platform.Tests.Foundation;

namespace Platform.Tests.Tenancy;

/// <summary>What every tenancy test class holds: clients for the gateway's admin API and the service itself.</summary>
public abstract class TenancyTestBase(PlatformFixture fixture) : IDisposable
{
    protected PlatformFixture Fixture { get; } = fixture;

    protected TenancyClient Tenancy { get; } = new(fixture);

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Tenancy.Dispose();
    }
}
