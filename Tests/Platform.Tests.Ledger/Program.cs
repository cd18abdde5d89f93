using Microsoft.Extensions.Hosting;
using Platform.Tests.Messaging;

// Standalone consumer: connection strings from the environment, runs until stopped (or killed).
var builder = LedgerApp.CreateBuilder(
    Environment.GetEnvironmentVariable("ConnectionStrings__ledgerdb") ?? throw new InvalidOperationException("ConnectionStrings__ledgerdb is not set."),
    Environment.GetEnvironmentVariable("ConnectionStrings__messaging") ?? throw new InvalidOperationException("ConnectionStrings__messaging is not set."),
    consume: true);
await builder.Build().RunAsync();
