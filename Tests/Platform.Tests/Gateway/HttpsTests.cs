using System.Net;
using System.Net.Http.Json;
using Platform.LocalInfra;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Gateway;

/// <summary>
/// HTTPS at the edge, against the real gateway process: the shared platform's gateway runs with
/// the defaults (redirect), <see cref="StrictGatewayFixture"/> one in strict mode behind a trusted proxy.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class HttpsTests(PlatformFixture fixture, HttpsTests.StrictGatewayFixture strict, PlatformServers servers) : IClassFixture<HttpsTests.StrictGatewayFixture>
{
    private const string Hsts = "max-age=31536000; includeSubDomains";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Plain_http_is_redirected_with_308_to_the_same_path_and_query_on_the_https_port()
    {
        using var plain = PlainClient(fixture.Platform[PlatformProject.Gateway].BaseAddress);
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Delete })
        {
            using var request = new HttpRequestMessage(method, "/v1/predictions/p-1?explain=true&x=%20y");
            using var response = await plain.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
            Assert.Equal(new Uri(fixture.Platform.GatewayHttps, "/v1/predictions/p-1?explain=true&x=%20y"), response.Headers.Location);
            // Redirects carry the security headers too, but never HSTS: it means nothing over HTTP.
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        }
    }

    [Fact]
    public async Task A_post_that_follows_the_redirect_arrives_with_its_method_and_body()
    {
        // A client that follows redirects and trusts the development CA, starting at the HTTP address.
        var handler = fixture.Platform.CreateGatewayHandler();
        handler.AllowAutoRedirect = true;
        using var client = new HttpClient(handler) { BaseAddress = fixture.Platform[PlatformProject.Gateway].BaseAddress };
        client.DefaultRequestHeaders.Add("X-Admin-Key", TestSecrets.AdminKey);
        var id = TestTags.New("redir");
        using var response = await client.PostAsJsonAsync("/v1/admin/tenants", new { id, name = "Redirected clinic", tier = "basic" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("https", response.RequestMessage!.RequestUri!.Scheme);
        using var created = await fixture.AdminGateway.GetAsync($"/v1/admin/tenants/{id}", Cancel);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    [InlineData("/alive")]
    [InlineData("/metrics")]
    public async Task Probe_and_scrape_paths_stay_reachable_over_plain_http(string path)
    {
        using var plain = PlainClient(fixture.Platform[PlatformProject.Gateway].BaseAddress);
        using var response = await plain.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Every_https_response_carries_hsts_proxied_refused_and_gateway_made_alike()
    {
        using var proxied = await fixture.TenantGateway.GetAsync("/v1/tenant", Cancel);
        using var refused = await fixture.Gateway.GetAsync("/v1/tenant", Cancel);
        using var unknown = await fixture.Gateway.GetAsync("/v1/no-such-area", Cancel);
        using var health = await fixture.Gateway.GetAsync("/health", Cancel);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.OK],
            new[] { proxied, refused, unknown, health }.Select(r => r.StatusCode));
        foreach (var response in new[] { proxied, refused, unknown, health })
            Assert.Equal(Hsts, Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Redirects_are_counted_in_the_metrics()
    {
        using var plain = PlainClient(fixture.Platform[PlatformProject.Gateway].BaseAddress);
        var before = await MetricsScrape.SumAsync(plain, "platform_gateway_https_insecure_requests_total", ("outcome", "redirected"));
        for (var i = 0; i < 3; i++) (await plain.GetAsync("/v1/tenant", Cancel)).Dispose();
        await Eventually.Until(() => MetricsScrape.SumAsync(plain, "platform_gateway_https_insecure_requests_total", ("outcome", "redirected")),
            after => after >= before + 3, TimeSpan.FromSeconds(10), "three more redirects counted");
    }

    [Fact]
    public async Task In_strict_mode_plain_http_gets_400_with_a_problem_and_probes_still_answer()
    {
        using var plain = PlainClient(strict.Platform[PlatformProject.Gateway].BaseAddress);
        using var refused = await plain.PostAsJsonAsync("/v1/predictions", new { patient = "p" }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("HTTPS required", (await Problem.ReadAsync(refused)).GetProperty("title").GetString());
        Assert.Null(refused.Headers.Location);
        using var health = await plain.GetAsync("/alive", Cancel);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var secure = strict.Platform.CreateGatewayClient();
        using var overHttps = await secure.GetAsync("/v1/predictions", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, overHttps.StatusCode); // past the HTTPS check, at the key check
        Assert.Equal(Hsts + "; preload", Assert.Single(overHttps.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task X_forwarded_proto_counts_only_from_a_trusted_proxy()
    {
        var http = strict.Platform[PlatformProject.Gateway].BaseAddress;
        // The strict gateway trusts 127.0.0.2 only; the same request from 127.0.0.1 is a client's claim.
        using var viaProxy = PlainClient(http, source: IPAddress.Parse("127.0.0.2"));
        using var direct = PlainClient(http, source: IPAddress.Loopback);
        foreach (var (client, expected) in new[] { (viaProxy, HttpStatusCode.Unauthorized), (direct, HttpStatusCode.BadRequest) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/predictions");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            using var response = await client.SendAsync(request, Cancel);
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal(expected == HttpStatusCode.Unauthorized, response.Headers.Contains("Strict-Transport-Security"));
        }
    }

    [Fact]
    public async Task A_trusted_proxy_setting_that_is_no_address_stops_the_gateway_at_start_up()
    {
        var tag = TestTags.New("badproxy");
        await Assert.ThrowsAsync<InfraException>(() => RunningPlatform.StartAsync(servers, tag, services: [],
            extraEnvironment: new Dictionary<string, string?> { ["Gateway__Https__TrustedProxies__0"] = "10.0.0.0/33" }));
        var log = await File.ReadAllTextAsync(Path.Combine(servers.RunDirectory, "logs", tag, "gateway.log"), Cancel);
        Assert.Contains("'10.0.0.0/33' is neither an IP address nor a network in CIDR notation", log, StringComparison.Ordinal);
    }

    private static HttpClient PlainClient(Uri baseAddress, IPAddress? source = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        return new HttpClient(source is null ? handler : handler.BindTo(source)) { BaseAddress = baseAddress };
    }

    /// <summary>A gateway alone (no services behind it) in strict mode, trusting 127.0.0.2 as its proxy, HSTS preload on.</summary>
    public sealed class StrictGatewayFixture(PlatformServers servers) : IAsyncLifetime
    {
        public RunningPlatform Platform { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            Platform = await RunningPlatform.StartAsync(servers, TestTags.New("strict"), services: [], extraEnvironment: new Dictionary<string, string?>
            {
                ["Gateway__Https__Strict"] = "true",
                ["Gateway__Https__TrustedProxies__0"] = "127.0.0.2",
                ["Gateway__Https__Hsts__Preload"] = "true",
            });

        public async ValueTask DisposeAsync()
        {
            if (Platform is not null) await Platform.DisposeAsync();
        }
    }
}
