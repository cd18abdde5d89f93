using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.LocalInfra;
using Platform.Tests.Infrastructure;
using Platform.Tests.Tenancy;

namespace Platform.Tests.Gateway;

/// <summary>
/// <c>Idempotency-Key</c> through the real gateway: against the tenancy service's budgets (a real
/// handler whose effect can be counted) and a stand-in prediction service that fails or holds its answer on demand.
/// </summary>
public sealed class IdempotencyTests(IdempotencyTests.IdempotencyFixture fixture) : IClassFixture<IdempotencyTests.IdempotencyFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly object Budget = new { name = "monthly inference", period = "monthly", amount = 10.00m, category = "inference" };

    [Fact]
    public async Task Fifty_concurrent_identical_posts_with_one_key_run_the_handler_once()
    {
        var (tenant, client) = await fixture.TenantClientAsync();
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var request = Post("/v1/budgets", Budget, key);
            using var response = await client.SendAsync(request, Cancel);
            return (response.StatusCode, Replayed: response.Headers.Contains("Idempotency-Replayed"), Body: await response.Content.ReadAsByteArrayAsync(Cancel));
        }));

        Assert.Single(await fixture.BudgetsAsync(tenant));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Single(created, r => !r.Replayed);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.All(created, r => Assert.Equal(created[0].Body, r.Body));
        Assert.Equal(50, created.Count + responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task A_completed_request_is_replayed_byte_for_byte_and_another_body_or_path_with_its_key_is_422()
    {
        var (tenant, client) = await fixture.TenantClientAsync();
        var key = "order-" + Guid.NewGuid();
        using var first = await client.SendAsync(Post("/v1/budgets", Budget, key), Cancel);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var body = await first.Content.ReadAsByteArrayAsync(Cancel);
        // A replay's own Date differs from the original's: Kestrel refreshes its Date value on a one-second
        // heartbeat, which a loaded machine delays, so the wait covers two of them.
        await Task.Delay(2100, Cancel);

        using var replay = await client.SendAsync(Post("/v1/budgets", Budget, $"\"{key}\""), Cancel); // the draft's quoted form is the same key
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(body, await replay.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(first.Content.Headers.ContentType, replay.Content.Headers.ContentType);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(first.Headers.Date, DateTimeOffset.Parse(Assert.Single(replay.Headers.GetValues("Original-Date")), System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(first.Headers.Date, replay.Headers.Date);
        Assert.Single(await fixture.BudgetsAsync(tenant));

        using var otherBody = await client.SendAsync(Post("/v1/budgets", new { name = "another", period = "monthly", amount = 5.00m }, key), Cancel);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        await Problem.ReadAsync(otherBody);
        using var otherPath = await client.SendAsync(Post("/v1/budgets?x=1", Budget, key), Cancel);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherPath.StatusCode);
        Assert.Single(await fixture.BudgetsAsync(tenant));

        // Keys belong to their tenant: another tenant's identical request with the same key is its own.
        var (otherTenant, otherClient) = await fixture.TenantClientAsync();
        using var theirs = await otherClient.SendAsync(Post("/v1/budgets", Budget, key), Cancel);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.False(theirs.Headers.Contains("Idempotency-Replayed"));
        Assert.Single(await fixture.BudgetsAsync(otherTenant));
    }

    [Fact]
    public async Task A_5xx_frees_the_key_so_the_retry_runs_and_its_success_is_replayed()
    {
        var (_, client) = await fixture.TenantClientAsync();
        var key = Guid.NewGuid().ToString("N");
        var order = Guid.NewGuid().ToString("N");
        fixture.FailNext(order);
        using var failed = await client.SendAsync(Post("/v1/predictions", new { order }, key), Cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        using var retried = await client.SendAsync(Post("/v1/predictions", new { order }, key), Cancel);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.False(retried.Headers.Contains("Idempotency-Replayed"));
        using var again = await client.SendAsync(Post("/v1/predictions", new { order }, key), Cancel);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.True(again.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(2, fixture.Calls(order)); // the failure and the retry; the replay never reached the service
    }

    [Fact]
    public async Task The_answer_reaches_the_client_before_redis_records_it_and_a_retry_is_replayed_once_it_is()
    {
        var (_, client) = await fixture.TenantClientAsync();
        var key = Guid.NewGuid().ToString("N");
        var order = Guid.NewGuid().ToString("N");
        var (arrived, release) = fixture.HoldNext(order);
        var sending = client.SendAsync(Post("/v1/predictions", new { order }, key), Cancel);
        await arrived.WaitAsync(TimeSpan.FromSeconds(20), Cancel);
        // The key is taken; from here Redis runs no write (a script included) until unpaused, so the
        // gateway cannot record the answer. The stand-in's answer is chunked: the client has all of
        // it only when the gateway has completed the response.
        await fixture.RedisAsync("CLIENT", "PAUSE", "60000", "WRITE");
        try
        {
            release.SetResult();
            // Well inside the gateway's 10 s Redis command timeout, after which it would give up recording and answer anyway.
            using var answered = await sending.WaitAsync(TimeSpan.FromSeconds(8), Cancel);
            Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
            Assert.Equal(order, (await answered.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("order").GetString());
        }
        finally
        {
            await fixture.RedisAsync("CLIENT", "UNPAUSE");
        }
        // Recorded once Redis writes again: the retry is the same answer, and the service ran once.
        var retried = await Eventually.Until(async () =>
        {
            using var again = await client.SendAsync(Post("/v1/predictions", new { order }, key), Cancel);
            return (again.StatusCode, Replayed: again.Headers.Contains("Idempotency-Replayed"));
        }, r => r.StatusCode != HttpStatusCode.Conflict, TimeSpan.FromSeconds(20), "the answer recorded");
        Assert.Equal((HttpStatusCode.Created, true), retried);
        Assert.Equal(1, fixture.Calls(order));
    }

    [Fact]
    public async Task Routes_that_require_a_key_refuse_requests_without_one_and_malformed_keys_are_400()
    {
        var (_, client) = await fixture.TenantClientAsync();
        var order = Guid.NewGuid().ToString("N");
        using (var missing = await client.PostAsJsonAsync("/v1/predictions", new { order }, Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Equal("Idempotency-Key required", (await Problem.ReadAsync(missing)).GetProperty("title").GetString());
        }
        foreach (var bad in new[] { "", "\"\"", new string('k', 256), "tab\there" })
        {
            using var request = Post("/v1/predictions", new { order }, null);
            request.Headers.TryAddWithoutValidation("Idempotency-Key", bad);
            using var response = await client.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            await Problem.ReadAsync(response);
        }
        using (var two = Post("/v1/predictions", new { order }, "a"))
        {
            two.Headers.Add("Idempotency-Key", "b");
            using var response = await client.SendAsync(two, Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Equal(0, fixture.Calls(order));
        // 255 characters is still a key; a route that does not require one takes requests without.
        using (var longest = await client.SendAsync(Post("/v1/predictions", new { order }, new string('k', 255)), Cancel))
            Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        using (var optional = await client.PostAsJsonAsync("/v1/budgets", Budget, Cancel))
            Assert.Equal(HttpStatusCode.Created, optional.StatusCode);
    }

    [Fact]
    public async Task A_body_sent_with_its_length_and_the_same_body_sent_chunked_are_one_request()
    {
        // The gateway reads a body of declared length and a chunked one differently: both must
        // reach the service whole and be fingerprinted alike.
        var (tenant, client) = await fixture.TenantClientAsync();
        var key = Guid.NewGuid().ToString();
        var json = JsonSerializer.Serialize(Budget, JsonSerializerOptions.Web);
        HttpRequestMessage Send(bool chunked)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/budgets") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            request.Headers.TransferEncodingChunked = chunked;
            return request;
        }

        using var declared = await client.SendAsync(Send(chunked: false), Cancel);
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        using var chunked = await client.SendAsync(Send(chunked: true), Cancel);
        Assert.Equal(HttpStatusCode.Created, chunked.StatusCode);
        Assert.Equal("true", Assert.Single(chunked.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(await declared.Content.ReadAsByteArrayAsync(Cancel), await chunked.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Single(await fixture.BudgetsAsync(tenant));
    }

    [Fact]
    public async Task A_body_over_the_limit_with_a_key_is_413_and_never_forwarded()
    {
        var (_, client) = await fixture.TenantClientAsync();
        var order = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/predictions")
        {
            Content = new StringContent($"{{\"order\":\"{order}\",\"padding\":\"{new string('x', 70_000)}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await Problem.ReadAsync(response);
        Assert.Equal(0, fixture.Calls(order));
    }

    [Fact]
    public async Task A_request_past_the_timeout_gets_504_and_is_logged_as_slow()
    {
        var (_, client) = await fixture.TenantClientAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.GetAsync("/v1/predictions/slow", Cancel);
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.9, 6);
        await Problem.ReadAsync(response);
        await Eventually.Until(() => Task.FromResult(fixture.GatewayLog()), log => log.Contains("Slow request: GET /v1/predictions/slow", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5), "the slow request logged");
    }

    private static HttpRequestMessage Post(string path, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    /// <summary>
    /// Tenancy, a stand-in prediction service (counts calls per order, fails or holds an order once
    /// on demand, answers 201 with a fresh id) and the gateway, on a Redis of their own; request
    /// bodies with a key capped at 64 KiB.
    /// </summary>
    public sealed class IdempotencyFixture(PlatformServers servers) : IAsyncLifetime
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _calls = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _failNext = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (TaskCompletionSource Arrived, TaskCompletionSource Release)> _hold = new();
        private RedisServer? _redis;
        private InProcessApp? _predictions;
        private RunningPlatform? _platform;
        private HttpClient? _admin;
        private TenancyClient? _tenancy;
        private readonly List<HttpClient> _clients = [];

        public async ValueTask InitializeAsync()
        {
            // A Redis of its own: a test pauses its writes, which must not stall the other classes' gateways.
            _redis = await RedisServer.StartAsync(Path.Combine(servers.RunDirectory, "servers", "idempotency-redis"), servers.RepositoryRoot,
                cancellationToken: TestContext.Current.CancellationToken);
            _predictions = await InProcessApp.StartAsync(null, app =>
            {
                app.MapGet("/v1/predictions/slow", async (CancellationToken ct) =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), ct);
                    return Results.Ok();
                });
                app.MapPost("/v1/predictions", async (HttpRequest request) =>
            {
                var order = (await request.ReadFromJsonAsync<JsonElement>()).GetProperty("order").GetString()!;
                _calls.AddOrUpdate(order, 1, (_, n) => n + 1);
                if (_hold.TryRemove(order, out var hold))
                {
                    hold.Arrived.SetResult();
                    await hold.Release.Task;
                }
                if (_failNext.TryRemove(order, out _)) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                var id = Guid.NewGuid();
                return Results.Created($"/v1/predictions/{id}", new { id, order });
            });
            });
            _platform = await RunningPlatform.StartAsync(servers, TestTags.New("idem"), services: [PlatformProject.Tenancy], extraEnvironment: new Dictionary<string, string?>
            {
                ["services__prediction__http__0"] = _predictions.BaseAddress.ToString(),
                ["ConnectionStrings__redis"] = _redis.ConnectionString,
                // A paused write waits for the test to unpause Redis, not for a timeout.
                ["Gateway__Redis__CommandTimeout"] = "00:00:10",
                ["Gateway__Idempotency__MaxRequestBytes"] = "65536",
                // Only the stand-in's routes time out this early; the admin and tenancy calls keep the default.
                ["ReverseProxy__Routes__predictions__Timeout"] = "00:00:02",
                ["Gateway__Limits__SlowRequestThreshold"] = "00:00:00.500",
            });
            _admin = _platform.CreateGatewayClient();
            _admin.DefaultRequestHeaders.Add("X-Admin-Key", TestSecrets.AdminKey);
            _tenancy = new TenancyClient(_admin, _platform[PlatformProject.Tenancy].BaseAddress);
        }

        public async Task<(string Tenant, HttpClient Client)> TenantClientAsync()
        {
            var id = TestTags.New("idem");
            await _tenancy!.CreateTenantAsync(id, "enterprise");
            var client = _platform!.CreateGatewayClient();
            client.DefaultRequestHeaders.Add("X-API-Key", await _tenancy.CreateKeyAsync(id));
            lock (_clients) _clients.Add(client);
            return (id, client);
        }

        public Task<JsonElement[]> BudgetsAsync(string tenant) => _tenancy!.BudgetsAsync(tenant);

        public string GatewayLog()
        {
            using var stream = new FileStream(Path.Combine(servers.RunDirectory, "logs", _platform!.Tag, "gateway.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }

        public void FailNext(string order) => _failNext[order] = true;

        /// <summary>The stand-in holds the next request of <paramref name="order"/>: <c>Arrived</c> when it has it, answering once <c>Release</c> is set.</summary>
        public (Task Arrived, TaskCompletionSource Release) HoldNext(string order)
        {
            var hold = (Arrived: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Release: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _hold[order] = hold;
            return (hold.Arrived.Task, hold.Release);
        }

        /// <summary>Runs one command on this fixture's Redis.</summary>
        public async Task RedisAsync(params object[] command)
        {
            await using var redis = new Platform.ServiceDefaults.RedisClient.RedisClient(Platform.ServiceDefaults.RedisClient.RedisEndpoint.Parse(_redis!.ConnectionString));
            await redis.ExecuteAsync(command); // an error reply throws
        }

        public int Calls(string order) => _calls.GetValueOrDefault(order);

        public async ValueTask DisposeAsync()
        {
            foreach (var client in _clients) client.Dispose();
            _admin?.Dispose();
            _tenancy?.Dispose();
            if (_platform is not null) await _platform.DisposeAsync();
            if (_predictions is not null) await _predictions.DisposeAsync();
            if (_redis is not null) await _redis.DisposeAsync();
        }
    }
}
