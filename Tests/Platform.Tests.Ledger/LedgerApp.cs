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
    /// <param name="consume">False for a publisher-only instance.</param>
    /// <param name="settings">Configuration on top of the defaults (retries, redelivery, limits).</param>
    public static HostApplicationBuilder CreateBuilder(
        string databaseConnectionString, string messagingConnectionString, bool consume, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("LEDGER_DEBUG") == "1") builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:ledgerdb"] = databaseConnectionString;
        builder.Configuration["ConnectionStrings:messaging"] = messagingConnectionString;
        builder.Configuration["Messaging:Outbox:MaxRetryDelay"] = "00:00:01";
        builder.Configuration["Messaging:Outbox:PublishTimeout"] = "00:00:05";
        builder.Configuration["Messaging:AnnounceInterval"] = "00:00:01";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.Configuration[key] = value;
        builder.Services.AddSingleton<LedgerFaults>();
        builder.AddServiceDatabase<LedgerDbContext>("ledgerdb");
        builder.AddReliableMessaging<LedgerDbContext>();
        builder.AddPlatformMessaging("ledger", bus =>
        {
            if (consume) bus.AddConsumer<LedgerEntryRecordedConsumer>();
        });
        return builder;
    }
}
