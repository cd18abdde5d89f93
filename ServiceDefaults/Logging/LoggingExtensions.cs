using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Platform.ServiceDefaults.Logging.BatchedConsole;

namespace Platform.ServiceDefaults.Logging;

public static class LoggingExtensions
{
    /// <summary>
    /// One JSON object per line on stdout, with the trace and span ids in the scopes, so log
    /// lines can be joined to traces by any log shipper. The lines are the JSON console
    /// formatter's; they reach stdout through <see cref="BatchedConsoleLoggerProvider"/> instead
    /// of the console logger's one-lock-per-line queue.
    /// </summary>
    public static IHostApplicationBuilder ConfigureStructuredLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        // Registers the JSON formatter and its options; the provider itself is replaced below.
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        var console = builder.Services.Where(s => s.ServiceType == typeof(ILoggerProvider) && s.ImplementationType == typeof(ConsoleLoggerProvider)).ToList();
        foreach (var descriptor in console) builder.Services.Remove(descriptor);
        builder.Services.AddSingleton<ILoggerProvider, BatchedConsoleLoggerProvider>();
        return builder;
    }
}
