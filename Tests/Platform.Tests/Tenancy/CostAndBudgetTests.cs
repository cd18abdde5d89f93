using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Contracts.Usage;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Tenancy;

/// <summary>Usage events become exact costs; budgets fire each threshold once, on the running platform.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CostAndBudgetTests(PlatformFixture fixture, PlatformServers servers) : TenancyTestBase(fixture)
{

    private string Amqp => servers.Infra.RabbitMq.ConnectionString(Fixture.Platform.Tag);

    [Fact]
    public async Task Usage_events_of_every_kind_are_priced_exactly_and_a_redelivered_event_is_billed_once()
    {
        var id = TestTags.New("c");
        await Tenancy.CreateTenantAsync(id, "basic");
        var now = DateTimeOffset.UtcNow;
        await using (var publisher = await UsagePublisher.StartAsync(Amqp))
        {
            var duplicate = Guid.NewGuid();
            await publisher.PublishAsync(new PredictionCompleted(id, Guid.NewGuid(), "risk-v1", 1000, now), duplicate);
            await publisher.PublishAsync(new PredictionCompleted(id, Guid.NewGuid(), "risk-v1", 1000, now), duplicate);
            await publisher.PublishAsync(new ApiCallsRecorded(id, 5000, now.AddMinutes(-1), now));
            await publisher.PublishAsync(new StorageSampled(id, "storage", 10m, now, 73m));
            await publisher.PublishAsync(new StorageSampled(id, "database", 20m, now, 730m));
            await publisher.PublishAsync(new ThirdPartyCostIncurred(id, "llm", 0.1234m, now));
        }

        var day = DateOnly.FromDateTime(now.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var report = await Eventually.Until(() => GetAsync(id, $"/v1/costs?from={day}&to={day}&groupBy=category"),
            r => r.GetProperty("groups").GetArrayLength() == 5, TimeSpan.FromSeconds(30), "five categories costed");
        var amounts = report.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("category").GetString()!, g => g.GetProperty("amount").GetDecimal());
        Assert.Equal(1.000m, amounts["inference"]);     // 1,000 rows at $0.001, once
        Assert.Equal(0.5000m, amounts["api-calls"]);    // 5,000 calls at $0.0001
        Assert.Equal(0.023m, amounts["storage"]);       // 10 GB for 73 h = 1 GB-month at $0.023
        Assert.Equal(0.300m, amounts["database"]);      // 20 GB-months at $0.015
        Assert.Equal(0.1234m, amounts["third-party"]);  // passed through
        Assert.Equal(1.9464m, report.GetProperty("total").GetDecimal());

        var usage = await GetAsync(id, "/v1/usage");
        Assert.Equal(10_000, usage.GetProperty("predictions").GetProperty("limit").GetInt64());
        var projection = await GetAsync(id, "/v1/costs/projection");
        Assert.Equal("linear-run-rate", projection.GetProperty("method").GetString());
        Assert.True(projection.GetProperty("projected").GetDecimal() >= 1.9464m);
    }

    [Fact]
    public async Task A_cost_for_a_tenant_that_does_not_exist_is_dead_lettered_at_once()
    {
        const string deadLetters = "tenancy-prediction-completed_error";
        var before = (await AmqpQueue.InspectAsync(Amqp, deadLetters)).Messages;
        var messageId = Guid.NewGuid();
        await using (var publisher = await UsagePublisher.StartAsync(Amqp))
        {
            await publisher.PublishAsync(new PredictionCompleted(TestTags.New("ghost"), Guid.NewGuid(), "risk-v1", 10, DateTimeOffset.UtcNow), messageId);
        }
        // The platform's observability service drains every error queue it has seen into its
        // archive, so once an earlier test has dead-lettered here the letter may already have moved on.
        var (inQueue, archived) = await Eventually.Until(async () =>
                (await AmqpQueue.InspectAsync(Amqp, deadLetters)).Messages > before ? (true, null) : (false, await ArchivedAsync(messageId)),
            found => found.Item1 || found.Item2 is not null, TimeSpan.FromSeconds(30), "the unknown tenant's cost in the dead-letter queue or the archive");
        if (!inQueue)
        {
            var letter = archived!.Value;
            Assert.Equal(deadLetters, letter.GetProperty("queue").GetString());
            Assert.Equal(0, letter.GetProperty("retryCount").GetInt32());
            Assert.Equal(0, letter.GetProperty("redeliveryCount").GetInt32());
        }
    }

    private async Task<JsonElement?> ArchivedAsync(Guid messageId)
    {
        var page = await Tenancy.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/dlq?queue=tenancy-prediction-completed&pageSize=500", Cancel);
        return page.GetProperty("items").EnumerateArray().Cast<JsonElement?>()
            .FirstOrDefault(item => item!.Value.GetProperty("messageId").GetString() == messageId.ToString());
    }

    [Fact]
    public async Task A_budget_crossed_by_many_concurrent_cost_events_publishes_each_threshold_once()
    {
        var id = TestTags.New("b");
        await Tenancy.CreateTenantAsync(id, "basic");
        var budget = await PostBudgetAsync(id, new { name = "monthly inference", period = "monthly", amount = 10.00m, category = "inference" });
        var budgetId = budget.GetProperty("id").GetGuid();
        using var events = await EventTap.StartAsync(Amqp, "Platform.Contracts.Costs:BudgetThresholdCrossed");

        // 50 events of $0.20, published at once: $10.00 in total, 100 % of the budget.
        await using (var publisher = await UsagePublisher.StartAsync(Amqp))
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => publisher.PublishAsync(new PredictionCompleted(id, Guid.NewGuid(), "risk-v1", 200, DateTimeOffset.UtcNow))));

        var status = await Eventually.Until(() => GetAsync(id, $"/v1/budgets/{budgetId}/status"), s => s.GetProperty("spent").GetDecimal() == 10.00m,
            TimeSpan.FromSeconds(30), "all $10 spent");
        Assert.Equal(100m, status.GetProperty("percent").GetDecimal());
        Assert.Equal(0m, status.GetProperty("remaining").GetDecimal());
        Assert.All(status.GetProperty("thresholds").EnumerateArray(), t => Assert.Equal("Alarm", t.GetProperty("state").GetString()));

        var crossed = await events.WaitForAsync(id, 3, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel); // room for a duplicate to arrive
        crossed = await events.WaitForAsync(id, 3, TimeSpan.Zero);
        Assert.Equal(3, crossed.Count);
        Assert.Equal(["actual-100", "actual-80", "forecasted-100"], Crossings(crossed));
        Assert.All(crossed, e => Assert.Equal(budgetId, e.Message.GetProperty("budgetId").GetGuid()));
    }

    [Fact]
    public async Task A_budget_created_after_a_tenants_first_costs_is_evaluated_by_the_very_next_cost()
    {
        var id = TestTags.New("nb");
        await Tenancy.CreateTenantAsync(id, "basic");
        using var events = await EventTap.StartAsync(Amqp, "Platform.Contracts.Costs:BudgetThresholdCrossed");
        await using var publisher = await UsagePublisher.StartAsync(Amqp);

        // $0.50 of inference while the tenant has no budget (tenancy remembers that for a few seconds).
        await FirstHalfDollarBilledAsync(id, publisher);

        // A $1 budget, then another $0.50: this cost already counts towards it, every threshold is crossed.
        var budgetId = (await PostBudgetAsync(id, new { name = "inference", period = "monthly", amount = 1.00m, category = "inference" })).GetProperty("id").GetGuid();
        await publisher.PublishAsync(new PredictionCompleted(id, Guid.NewGuid(), "risk-v1", 500, DateTimeOffset.UtcNow));
        var crossed = await events.WaitForAsync(id, 3, TimeSpan.FromSeconds(20));
        Assert.Equal(["actual-100", "actual-80", "forecasted-100"], Crossings(crossed));
        Assert.All(crossed, e => Assert.Equal(budgetId, e.Message.GetProperty("budgetId").GetGuid()));
    }

    [Fact]
    public async Task A_budget_another_instance_created_is_evaluated_within_seconds_however_busy_the_tenant()
    {
        var id = TestTags.New("ob");
        await Tenancy.CreateTenantAsync(id, "basic");
        using var events = await EventTap.StartAsync(Amqp, "Platform.Contracts.Costs:BudgetThresholdCrossed");
        await using var publisher = await UsagePublisher.StartAsync(Amqp);
        await FirstHalfDollarBilledAsync(id, publisher);

        // A $1 budget written straight to the database, as another tenancy instance would: this
        // instance was not told, and still remembers the tenant had none.
        var template = TestTags.New("tpl");
        await Tenancy.CreateTenantAsync(template, "basic");
        var templateId = (await PostBudgetAsync(template, new { name = "inference", period = "monthly", amount = 1.00m, category = "inference" })).GetProperty("id").GetGuid();
        await using (var connection = new Npgsql.NpgsqlConnection(servers.Infra.Postgres.ForDatabase($"tenancydb_{Fixture.Platform.Tag}")))
        {
            await connection.OpenAsync(Cancel);
            await using var copy = new Npgsql.NpgsqlCommand(
                "INSERT INTO tenancy.budgets (id, tenant_id, name, category, period, amount, thresholds, created_at, updated_at) " +
                "SELECT gen_random_uuid(), $1, name, category, period, amount, thresholds, created_at, updated_at FROM tenancy.budgets WHERE id = $2", connection);
            copy.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
            copy.Parameters.Add(new Npgsql.NpgsqlParameter { Value = templateId });
            Assert.Equal(1, await copy.ExecuteNonQueryAsync(Cancel));
        }

        // Costs keep coming, two a second: the memory of "no budget" must not be renewed by them.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        List<(string Type, JsonElement Message)>? crossed = null;
        while (crossed is null && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await publisher.PublishAsync(new PredictionCompleted(id, Guid.NewGuid(), "risk-v1", 100, DateTimeOffset.UtcNow));
            try { crossed = await events.WaitForAsync(id, 3, TimeSpan.FromMilliseconds(500)); }
            catch (TimeoutException) { }
        }
        Assert.NotNull(crossed);
        Assert.Equal(["actual-100", "actual-80", "forecasted-100"], Crossings(crossed));
    }

    [Fact]
    public async Task Bad_budgets_are_refused_field_by_field_and_another_tenants_budget_is_not_there()
    {
        var (a, b) = (TestTags.New("a"), TestTags.New("b"));
        await Tenancy.CreateTenantAsync(a, "basic");
        await Tenancy.CreateTenantAsync(b, "basic");
        var theirs = await PostBudgetAsync(b, new { name = "b's", period = "annual", amount = 100m });
        var theirId = theirs.GetProperty("id").GetGuid();

        using (var bad = await Send(a, HttpMethod.Post, "/v1/budgets", new { name = "", period = "weekly", amount = -5m, category = "coffee", thresholds = new[] { new { kind = "actual", percent = 0m } } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var fields = (await Problem.ReadAsync(bad)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray();
            Assert.Equal(["amount", "category", "name", "period", "thresholds"], fields);
        }
        foreach (var amount in new[] { "\"NaN\"", "12.345", "1e400", "\"Infinity\"" })
        {
            using var content = new StringContent($$"""{"name":"x","period":"monthly","amount":{{amount}}}""", Encoding.UTF8, "application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/budgets") { Content = content, Headers = { { "X-Tenant-ID", a } } };
            using var response = await Tenancy.Service.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            await Problem.ReadAsync(response);
        }

        // Tenant A cannot read, change, delete or check tenant B's budget: it does not exist for A.
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"/v1/budgets/{theirId}", null),
            (HttpMethod.Put, $"/v1/budgets/{theirId}", new { name = "mine now", period = "monthly", amount = 1m }),
            (HttpMethod.Delete, $"/v1/budgets/{theirId}", null),
            (HttpMethod.Get, $"/v1/budgets/{theirId}/status", null),
        })
        {
            using var response = await Send(a, method, path, body);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("b's", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
        var mine = await GetAsync(a, "/v1/budgets");
        Assert.Equal(0, mine.GetArrayLength());
        var still = await GetAsync(b, $"/v1/budgets/{theirId}");
        Assert.Equal("b's", still.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_day_of_unusual_spend_is_flagged_once_with_its_expected_range_and_steady_spend_is_not()
    {
        var (spiky, steady) = (TestTags.New("s"), TestTags.New("f"));
        await Tenancy.CreateTenantAsync(spiky, "basic");
        await Tenancy.CreateTenantAsync(steady, "basic");
        using var events = await EventTap.StartAsync(Amqp, "Platform.Contracts.Costs:CostAnomalyDetected");
        decimal[] flat = [100, 101, 99, 100, 102, 98, 100, 101, 99, 100];
        var yesterday = DateTimeOffset.UtcNow.Date.AddDays(-1);
        await using (var publisher = await UsagePublisher.StartAsync(Amqp))
        {
            for (var i = 0; i < flat.Length; i++)
            {
                var day = new DateTimeOffset(yesterday.AddDays(i - flat.Length).AddHours(12), TimeSpan.Zero);
                await publisher.PublishAsync(new ThirdPartyCostIncurred(spiky, "llm", flat[i], day));
                await publisher.PublishAsync(new ThirdPartyCostIncurred(steady, "llm", flat[i], day));
            }
            var last = new DateTimeOffset(yesterday.AddHours(12), TimeSpan.Zero);
            await publisher.PublishAsync(new ThirdPartyCostIncurred(spiky, "llm", 150m, last));
            await publisher.PublishAsync(new ThirdPartyCostIncurred(steady, "llm", 100m, last));
        }

        var report = await Eventually.Until(() => GetAsync(spiky, "/v1/costs/anomalies"), r => r.GetProperty("anomalies").GetArrayLength() > 0,
            TimeSpan.FromSeconds(30), "the spike flagged");
        var anomaly = Assert.Single(report.GetProperty("anomalies").EnumerateArray());
        Assert.Equal(DateOnly.FromDateTime(yesterday), DateOnly.Parse(anomaly.GetProperty("day").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(150m, anomaly.GetProperty("spend").GetDecimal());
        Assert.True(anomaly.GetProperty("expectedHigh").GetDecimal() < anomaly.GetProperty("ewma").GetDecimal());
        var published = await events.WaitForAsync(spiky, 1, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel); // the monitor runs every second: room for a second event
        Assert.Single(await events.WaitForAsync(spiky, 1, TimeSpan.Zero));
        Assert.Equal(anomaly.GetProperty("expectedLow").GetDecimal(), published[0].Message.GetProperty("expectedLow").GetDecimal());
        Assert.Equal(0, (await GetAsync(steady, "/v1/costs/anomalies")).GetProperty("anomalies").GetArrayLength());
    }

    /// <summary>$0.50 of inference for <paramref name="tenantId"/>, waited for until it is billed.</summary>
    private async Task FirstHalfDollarBilledAsync(string tenantId, UsagePublisher publisher)
    {
        await publisher.PublishAsync(new PredictionCompleted(tenantId, Guid.NewGuid(), "risk-v1", 500, DateTimeOffset.UtcNow));
        var day = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.Until(() => GetAsync(tenantId, $"/v1/costs?from={day}&to={day}&groupBy=category"), r => r.GetProperty("total").GetDecimal() == 0.5m,
            TimeSpan.FromSeconds(30), "the first $0.50 billed");
    }

    /// <summary>Each crossing as kind-percent ("actual-80"), in order.</summary>
    private static IEnumerable<string> Crossings(IEnumerable<(string Type, JsonElement Message)> crossed) =>
        crossed.Select(e => $"{e.Message.GetProperty("kind").GetString()}-{e.Message.GetProperty("percent").GetDecimal():0}").Order();

    private async Task<JsonElement> PostBudgetAsync(string tenantId, object body)
    {
        using var response = await Send(tenantId, HttpMethod.Post, "/v1/budgets", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private async Task<JsonElement> GetAsync(string tenantId, string path)
    {
        using var response = await Send(tenantId, HttpMethod.Get, path, null);
        return await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    // As the gateway forwards a resolved tenant's request.
    private Task<HttpResponseMessage> Send(string tenantId, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Headers = { { "X-Tenant-ID", tenantId } } };
        if (body is not null) request.Content = JsonContent.Create(body);
        return Tenancy.Service.SendAsync(request, Cancel);
    }
}
