using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>Requests through the gateway reach the owning service and keep the caller's trace.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayTests(PlatformFixture fixture, PlatformServers servers)
{
    public static TheoryData<string> Services => [.. PlatformProject.Services.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_request_through_the_gateway_reaches_the_service_and_continues_the_callers_trace(string service)
    {
        var project = PlatformProject.Services.Single(s => s.Name == service);
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        const string callerSpan = "00f067aa0ba902b7";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{project.RoutePrefix}/no-such-resource");
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");

        using var response = await fixture.TenantGateway.SendAsync(request, TestContext.Current.CancellationToken);

        // A matched route never 404s in the gateway itself: this problem comes from the service.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal($"{project.RoutePrefix}/no-such-resource", problem.GetProperty("instance").GetString());
        var downstream = problem.GetProperty("traceId").GetString()!.Split('-');
        Assert.Equal(traceId, downstream[1]);
        Assert.NotEqual(callerSpan, downstream[2]);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_no_server_banner_whoever_produced_it()
    {
        // A service's answer through the proxy, the gateway's own refusals, its 404 and its health page.
        var responses = new List<HttpResponseMessage>
        {
            await fixture.TenantGateway.GetAsync("/v1/predictions/no-such-resource", TestContext.Current.CancellationToken),
            await fixture.Gateway.GetAsync("/v1/predictions/no-such-resource", TestContext.Current.CancellationToken),
            await fixture.Gateway.GetAsync("/v1/no-such-area/x", TestContext.Current.CancellationToken),
            await fixture.Gateway.GetAsync("/health", TestContext.Current.CancellationToken),
        };
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound], responses.Take(3).Select(r => r.StatusCode));
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
                Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
                Assert.Equal("default-src 'none'; frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
                Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
                Assert.False(response.Headers.Contains("Server"), $"{response.RequestMessage?.RequestUri} names its server");
            }
        }
    }

    [Fact]
    public async Task An_unknown_route_gets_a_not_found_problem_from_the_gateway()
    {
        using var response = await fixture.Gateway.GetAsync("/v1/no-such-area/x", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("/v1/no-such-area/x", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Client_sent_tenant_headers_are_replaced_by_the_gateways_own_before_they_reach_a_service()
    {
        const string path = "/v1/observability/services";
        using var doubled = new HttpRequestMessage(HttpMethod.Get, path);
        doubled.Headers.Add("X-Tenant-ID", [fixture.TenantId, fixture.TenantId]);
        using var viaGateway = new HttpRequestMessage(HttpMethod.Get, path);
        viaGateway.Headers.Add("X-Tenant-ID", fixture.TenantId);
        viaGateway.Headers.Add("X-Tenant-Tier", "Not A Tier");
        using var service = fixture.Client(PlatformProject.Observability);

        using var directResponse = await service.SendAsync(doubled, TestContext.Current.CancellationToken);
        using var gatewayResponse = await fixture.TenantGateway.SendAsync(viaGateway, TestContext.Current.CancellationToken);

        // A service refuses a tenant header it gets twice; through the gateway, which drops the
        // client's copy and adds its own, it gets exactly one.
        Assert.Equal(HttpStatusCode.BadRequest, directResponse.StatusCode);
        Assert.Contains("X-Tenant-ID", (await Problem.ReadAsync(directResponse)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, gatewayResponse.StatusCode);
    }

    [Fact]
    public async Task Every_instance_announces_itself_over_the_bus_and_observability_records_it()
    {
        var expected = fixture.Platform.Apps.Values.ToDictionary(p => p.Name, p => p.Process.Id);

        var instances = await Eventually.Until(
            async () => await fixture.TenantGateway.GetFromJsonAsync<JsonElement[]>("/v1/observability/services", TestContext.Current.CancellationToken) ?? [],
            list => expected.Keys.All(name => list.Any(i => i.GetProperty("service").GetString() == name)),
            TimeSpan.FromSeconds(30),
            "every service's ServiceInstanceStarted to be consumed");

        foreach (var (name, pid) in expected)
        {
            var instance = Assert.Single(instances, i => i.GetProperty("service").GetString() == name);
            Assert.Equal(pid, instance.GetProperty("processId").GetInt32());
        }

        // Heartbeats (every second in tests) move last-seen forward without adding rows.
        var firstSeen = LastSeen(instances, "gateway");
        var later = await Eventually.Until(
            async () => await fixture.TenantGateway.GetFromJsonAsync<JsonElement[]>("/v1/observability/services", TestContext.Current.CancellationToken) ?? [],
            list => LastSeen(list, "gateway") > firstSeen,
            TimeSpan.FromSeconds(15),
            "the gateway's next heartbeat");
        Assert.Equal(instances.Length, later.Length);

        // Each announcement went through the observability service's inbox.
        await using var connection = new Npgsql.NpgsqlConnection(servers.Infra.Postgres.ForDatabase($"observabilitydb_{fixture.Platform.Tag}"));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM observability.inbox_messages WHERE consumer LIKE '%service-instance-announced'", connection);
        Assert.True((long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))! >= expected.Count);
    }

    private static DateTimeOffset LastSeen(JsonElement[] instances, string service) =>
        instances.Single(i => i.GetProperty("service").GetString() == service).GetProperty("lastSeenAt").GetDateTimeOffset();
}
