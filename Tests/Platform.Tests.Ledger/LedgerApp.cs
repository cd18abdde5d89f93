using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Tests.Messaging;

/// <summary>The ledger service's wiring, shared by the in-process host and the standalone process.</summary>
public static class LedgerApp
{
    /// <summary>The consumer's receive queue (service-prefixed kebab case of the consumer).</summary>
    public const string Queue = "ledger-ledger-entry-recorded";

    /// <param name="consume">False for a publisher-only instance.</param>
    /// <param name="settings">Configuration on top of the defaults (retries, redelivery, limits).</param>
    public static HostApplicationBuilder CreateBuilder(
        string databaseConnectionString, string messagingConnectionString, bool consume, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("LEDGER_LOG_LEVEL"), out var level)) builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; }).SetMinimumLevel(level);
        builder.Configuration["ConnectionStrings:ledgerdb"] = databaseConnectionString;
        builder.Configuration["ConnectionStrings:messaging"] = messagingConnectionString;
        builder.Configuration["Messaging:Outbox:MaxRetryDelay"] = "00:00:01";
        builder.Configuration["Messaging:Outbox:PublishTimeout"] = "00:00:05";
        builder.Configuration["Messaging:AnnounceInterval"] = "00:00:01";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.Configuration[key] = value;
        builder.Services.AddSingleton<LedgerFaults>();
        builder.Services.AddSingleton<LedgerSideEffects>();
        builder.AddServiceDatabase<LedgerDbContext>("ledgerdb");
        builder.AddReliableMessaging<LedgerDbContext>();
        builder.AddPlatformMessaging("ledger", bus =>
        {
            if (consume) bus.AddConsumer<LedgerEntryRecordedConsumer>();
        });
        return builder;
    }
}
