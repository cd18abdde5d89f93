namespace Platform.Gateway.Security;

/// <summary>
/// Headers every gateway response carries, whoever produced it (the gateway itself, a service
/// behind it, an error page): the API is never framed, sniffed, or allowed to load anything,
/// and no response names the server software.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                headers["Referrer-Policy"] = "no-referrer";
                // A service's own Server header would otherwise come through the proxy.
                headers.Remove("Server");
                return Task.CompletedTask;
            }, context.Response);
            await next(context);
        });

    /// <summary>Kestrel adds its banner when it writes the headers, after every callback: turn it off.</summary>
    public static IWebHostBuilder WithoutServerBanner(this IWebHostBuilder host) =>
        host.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
}
