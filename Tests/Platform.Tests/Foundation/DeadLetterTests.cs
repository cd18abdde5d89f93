using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Messaging;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>The messaging conventions of ServiceDefaults, on a real broker.</summary>
public sealed class DeadLetterTests(PlatformServers servers)
{
    [Fact]
    public async Task A_consumer_that_always_throws_is_retried_then_redelivered_with_growing_delays_then_left_in_its_error_queue_with_fault_headers()
    {
        var vhost = TestTags.New("dlq");
        await servers.Infra.RabbitMq.CreateVirtualHostAsync(vhost, TestContext.Current.CancellationToken);
        var attempts = new AttemptCounter();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["ConnectionStrings:messaging"] = servers.Infra.RabbitMq.ConnectionString(vhost);
        builder.Configuration["Messaging:RetryLimit"] = "2";
        builder.Configuration["Messaging:RetryMinInterval"] = "00:00:00.010";
        builder.Configuration["Messaging:RetryMaxInterval"] = "00:00:00.050";
        // PoisonProbe is a notification: 2 delayed redeliveries, 1 s then 2 s (±10 %): far enough
        // apart from the immediate retries that a loaded machine cannot blur the two.
        builder.Configuration["Messaging:Redelivery:Default:Retries"] = "0";
        builder.Configuration["Messaging:Redelivery:Notification:Retries"] = "2";
        builder.Configuration["Messaging:Redelivery:Notification:InitialDelay"] = "00:00:01";
        builder.Configuration["Messaging:Redelivery:Notification:Factor"] = "2";
        builder.Services.AddSingleton(attempts);
        builder.AddPlatformMessaging("tests", bus => bus.AddConsumer<AlwaysFailingConsumer>());
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        // The host starts the bus without waiting for it: publishing before the consumer's queue
        // is bound would route the message nowhere.
        Assert.Equal(BusHealthStatus.Healthy, await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30)));

        var messageId = Guid.NewGuid();
        await host.Services.GetRequiredService<IBus>().Publish(new PoisonProbe("acme-clinic", messageId), TestContext.Current.CancellationToken);

        using var management = servers.Infra.RabbitMq.CreateManagementClient();
        var queue = $"api/queues/{vhost}/tests-always-failing_error";
        var amqp = servers.Infra.RabbitMq.ConnectionString(vhost);
        await Eventually.Until(
            async () => (await AmqpQueue.InspectAsync(amqp, "tests-always-failing_error")).Messages,
            count => count == 1,
            TimeSpan.FromSeconds(30),
            "the poison message in tests-always-failing_error");
        using var get = await management.PostAsync($"{queue}/get",
            new StringContent("""{"count":1,"ackmode":"ack_requeue_false","encoding":"auto"}""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        var message = (await get.Content.ReadFromJsonAsync<JsonElement[]>(TestContext.Current.CancellationToken))!.Single();
        var headers = message.GetProperty("properties").GetProperty("headers");
        // A redelivery is reported as consumed, so no copy lands in the _skipped queue.
        Assert.Equal(0u, (await AmqpQueue.InspectAsync(amqp, "tests-always-failing_skipped")).Messages);
        await host.StopAsync(TestContext.Current.CancellationToken);

        // Three deliveries (the first and two redeliveries), each with two immediate retries.
        Assert.Equal(9, attempts.Count);
        var at = attempts.AtMilliseconds;
        Assert.InRange(at[3] - at[2], 900, 20_000); // upper bounds only catch a lost message: a loaded machine adds seconds
        Assert.InRange(at[6] - at[5], 1_800, 20_000);
        Assert.InRange(at[2] - at[0], 0, 850); // immediate retries are not delayed (10–50 ms each, plus a loaded machine's scheduling)
        Assert.Equal("2", headers.GetProperty("MT-Redelivery-Count").ToString());
        Assert.Equal("fault", headers.GetProperty("MT-Reason").GetString());
        Assert.Equal(typeof(InvalidOperationException).FullName, headers.GetProperty("MT-Fault-ExceptionType").GetString());
        Assert.Equal(AlwaysFailingConsumer.Reason, headers.GetProperty("MT-Fault-Message").GetString());
        Assert.Equal("acme-clinic", headers.GetProperty("X-Tenant-ID").GetString());
        Assert.Contains(messageId.ToString(), message.GetProperty("payload").GetString());
    }
}
