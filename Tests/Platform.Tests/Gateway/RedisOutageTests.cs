using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.LocalInfra;
using Platform.Tests.Infrastructure;
using Platform.Tests.Tenancy;

namespace Platform.Tests.Gateway;

/// <summary>
/// The gateway on a Redis of its own that the test stops: one instance fails open (the default),
/// another fails closed; both recover when Redis is back.
/// </summary>
public sealed class RedisOutageTests(RedisOutageTests.OutageFixture fixture) : IClassFixture<RedisOutageTests.OutageFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_redis_the_default_gateway_serves_unlimited_and_counts_it_while_a_fail_closed_one_refuses()
    {
        using var open = fixture.Client(fixture.Platform.GatewayHttps);
        using var closed = fixture.Client(fixture.FailClosed.Https);
        // Both limit normally first (and have resolved the key, which tenancy answers without Redis).
        foreach (var client in new[] { open, closed })
        {
            using var limited = await client.GetAsync("/v1/tenant", Cancel);
            Assert.Equal(HttpStatusCode.OK, limited.StatusCode);
            Assert.True(limited.Headers.Contains("RateLimit"));
        }
        var failedOpen = await MetricsScrape.SumAsync(open, "platform_gateway_rate_limit_decisions_total", ("decision", "failed-open"), ("group", "default"));

        await fixture.StopRedisAsync();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                using var served = await open.GetAsync("/v1/tenant", Cancel);
                Assert.Equal(HttpStatusCode.OK, served.StatusCode);
                Assert.False(served.Headers.Contains("RateLimit")); // nothing was checked, so nothing is claimed
            }
            Assert.Equal(failedOpen + 5, await MetricsScrape.SumAsync(open, "platform_gateway_rate_limit_decisions_total", ("decision", "failed-open"), ("group", "default")));
            Assert.True(await MetricsScrape.SumAsync(open, "platform_gateway_redis_failures_total", ("feature", "rate-limit")) >= 5);

            // A request with an Idempotency-Key is never processed unchecked: it could run twice.
            using (var keyed = new HttpRequestMessage(HttpMethod.Post, "/v1/budgets") { Content = JsonContent.Create(new { name = "b", period = "monthly", amount = 1.00m }) })
            {
                keyed.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                using var response = await open.SendAsync(keyed, Cancel);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                await Problem.ReadAsync(response);
            }
            using (var budgets = await open.GetAsync("/v1/budgets", Cancel))
                Assert.Empty((await budgets.Content.ReadFromJsonAsync<JsonElement[]>(Cancel))!);

            using (var refused = await closed.GetAsync("/v1/tenant", Cancel))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.NotNull(refused.Headers.RetryAfter);
                await Problem.ReadAsync(refused);
            }

            // Health: degraded (still serving, 200) where it fails open, unhealthy where it refuses.
            using (var health = await open.GetAsync("/health", Cancel))
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                Assert.Equal("Degraded", (await health.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
            }
            using (var health = await closed.GetAsync("/health", Cancel))
                Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }
        finally
        {
            await fixture.StartRedisAsync();
        }

        foreach (var client in new[] { open, closed })
        {
            await Eventually.Until(async () =>
            {
                using var response = await client.GetAsync("/v1/tenant", Cancel);
                return response.StatusCode == HttpStatusCode.OK && response.Headers.Contains("RateLimit");
            }, ok => ok, TimeSpan.FromSeconds(15), "limits checked again once Redis is back");
        }
    }

    /// <summary>Tenancy and two gateways on a private Redis; one tenant (professional) with a key.</summary>
    public sealed class OutageFixture(PlatformServers servers) : IAsyncLifetime
    {
        private readonly string _directory = Path.Combine(servers.RunDirectory, "servers", TestTags.New("redis-outage"));
        private readonly int _port = FreePort.Next();
        private RedisServer? _redis;
        private RunningPlatform? _platform;

        public RunningPlatform Platform => _platform ?? throw new InvalidOperationException("Not started.");

        public GatewayInstance FailClosed { get; private set; } = null!;

        public string Key { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            await StartRedisAsync();
            _platform = await RunningPlatform.StartAsync(servers, TestTags.New("ro"), services: [PlatformProject.Tenancy], extraEnvironment: new Dictionary<string, string?>
            {
                ["ConnectionStrings__redis"] = $"127.0.0.1:{_port}",
                // A stopped Redis is refused at once; the reconnect backoff keeps failures fast.
                ["Gateway__Redis__CommandTimeout"] = "00:00:00.300",
            });
            FailClosed = await Platform.AddGatewayAsync(servers, new Dictionary<string, string?> { ["Gateway__RateLimits__FailClosed"] = "true" });
            using var admin = Platform.CreateGatewayClient();
            admin.DefaultRequestHeaders.Add("X-Admin-Key", TestSecrets.AdminKey);
            using var tenancy = new TenancyClient(admin, Platform[PlatformProject.Tenancy].BaseAddress);
            var id = TestTags.New("ro");
            await tenancy.CreateTenantAsync(id, "professional");
            Key = await tenancy.CreateKeyAsync(id);
        }

        public HttpClient Client(Uri gateway)
        {
            var client = new HttpClient(Platform.CreateGatewayHandler()) { BaseAddress = gateway };
            client.DefaultRequestHeaders.Add("X-API-Key", Key);
            return client;
        }

        public async Task StartRedisAsync() =>
            _redis = await RedisServer.StartAsync(_directory, servers.RepositoryRoot, _port, cancellationToken: TestContext.Current.CancellationToken);

        public async Task StopRedisAsync()
        {
            if (_redis is not null) await _redis.DisposeAsync();
            _redis = null;
        }

        public async ValueTask DisposeAsync()
        {
            if (_platform is not null) await _platform.DisposeAsync();
            await StopRedisAsync();
        }
    }
}
