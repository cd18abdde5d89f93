using Platform.Tests.Infrastructure;

namespace Platform.Tests.Messaging;

/// <summary>
/// The observability service and the gateway as real processes, and a ledger service on the same
/// vhost whose consumer fails on demand: one immediate retry, one delayed redelivery (300 ms),
/// bodies above 4 KiB refused.
/// </summary>
public sealed class DeadLetterArchiveFixture(PlatformServers servers) : IAsyncLifetime
{
    private RunningPlatform? _platform;
    private LedgerHost? _ledger;

    public LedgerHost Ledger => _ledger ?? throw new InvalidOperationException("Not started.");

    public HttpClient Gateway { get; private set; } = null!;

    public RunningPlatform Platform => _platform ?? throw new InvalidOperationException("Not started.");

    public string Tag { get; } = TestTags.New("dlq");

    public string MessagingConnectionString => servers.Infra.RabbitMq.ConnectionString(Tag);

    public async ValueTask InitializeAsync()
    {
        _platform = await RunningPlatform.StartAsync(servers, Tag,
            extraEnvironment: new Dictionary<string, string?> { ["DeadLetters__ScanInterval"] = "00:00:00.500" },
            services: [PlatformProject.Observability]);
        Gateway = _platform.CreateGatewayClient();
        Gateway.DefaultRequestHeaders.Add("X-Admin-Key", TestSecrets.AdminKey);
        _ledger = await LedgerHost.StartAsync(servers.Infra.Postgres.ForDatabase($"ledgerdb_{Tag}"), MessagingConnectionString, settings: new Dictionary<string, string?>
        {
            ["Messaging:RetryLimit"] = "1",
            ["Messaging:RetryMinInterval"] = "00:00:00.010",
            ["Messaging:RetryMaxInterval"] = "00:00:00.050",
            ["Messaging:Redelivery:Default:Retries"] = "1",
            ["Messaging:Redelivery:Default:InitialDelay"] = "00:00:00.300",
            ["Messaging:Redelivery:MaxMessageBytes"] = "4096",
        });
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (_ledger is not null) await _ledger.DisposeAsync();
        if (_platform is not null) await _platform.DisposeAsync();
    }
}
