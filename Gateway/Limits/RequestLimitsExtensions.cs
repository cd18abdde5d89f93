using Microsoft.AspNetCore.Http.Timeouts;

namespace Platform.Gateway.Limits;

public static class RequestLimitsExtensions
{
    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var limits = builder.Configuration.GetSection(RequestLimitsOptions.Section).Get<RequestLimitsOptions>() ?? new RequestLimitsOptions();
        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = limits.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout);
        return builder;
    }
}
