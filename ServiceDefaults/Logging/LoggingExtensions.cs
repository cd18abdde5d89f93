using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Logging;

public static class LoggingExtensions
{
    /// <summary>
    /// One JSON object per line on stdout, with the trace and span ids in the scopes, so log
    /// lines can be joined to traces by any log shipper.
    /// </summary>
    public static IHostApplicationBuilder ConfigureStructuredLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        return builder;
    }
}
