using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Platform.Gateway.Telemetry;

namespace Platform.Gateway.Https;

/// <summary>
/// HTTPS at the edge: plain-HTTP requests are redirected with 308 (method and body survive, so a
/// POST is not silently turned into a GET) or, in strict mode, refused with 400; probes and
/// scrapers on the excluded paths stay reachable; HTTPS responses carry HSTS. Whether a request
/// came over HTTPS is decided after <c>X-Forwarded-Proto</c> from a trusted proxy is applied.
/// </summary>
public static class HttpsEnforcement
{
    public static IHostApplicationBuilder AddHttpsEnforcement(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpsOptions>()
            .BindConfiguration(HttpsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HttpsOptions>>((forwarded, https) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET trusts loopback by default; here only what the operator lists is trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in https.Value.TrustedProxies)
            {
                if (TrustedProxyList.TryParse(proxy, out var network)) forwarded.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    public static IApplicationBuilder UseHttpsEnforcement(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        var options = app.ApplicationServices.GetRequiredService<IOptions<HttpsOptions>>().Value;
        var metrics = app.ApplicationServices.GetRequiredService<GatewayMetrics>();
        var server = app.ApplicationServices.GetRequiredService<IServer>();
        var excluded = new ExcludedPaths(options.ExcludedPaths ?? HttpsOptions.DefaultExcludedPaths);
        var hsts = options.Hsts.HeaderValue();
        return app.Use(async (context, next) =>
        {
            if (context.Request.IsHttps)
            {
                context.Response.OnStarting(static state =>
                {
                    var (response, value) = ((HttpResponse, string))state;
                    response.Headers.StrictTransportSecurity = value;
                    return Task.CompletedTask;
                }, (context.Response, hsts));
                await next(context);
                return;
            }
            if (excluded.Matches(context.Request.Path))
            {
                await next(context);
                return;
            }
            var port = options.Strict ? null : options.RedirectPort ?? HttpsPortOf(server);
            metrics.InsecureRequest(redirected: port is not null);
            if (port is { } p) await Redirect(context.Request, p).ExecuteAsync(context);
            else await Refuse(options.Strict).ExecuteAsync(context);
        });
    }

    private static RedirectHttpResult Redirect(HttpRequest request, int port)
    {
        var host = request.Host.Host.Contains(':', StringComparison.Ordinal) ? $"[{request.Host.Host.Trim('[', ']')}]" : request.Host.Host;
        var authority = port == 443 ? host : $"{host}:{port}";
        var location = $"https://{authority}{request.PathBase}{request.Path}{request.QueryString}";
        return TypedResults.Redirect(location, permanent: true, preserveMethod: true);
    }

    private static ProblemHttpResult Refuse(bool strict) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "HTTPS required",
        detail: strict
            ? "This gateway accepts requests over HTTPS only. Nothing was processed; send the request again over HTTPS and treat any credential sent over HTTP as exposed."
            : "This gateway accepts requests over HTTPS only and has no HTTPS address to redirect to. Nothing was processed.");

    // Kestrel knows its bindings only once it has started, so this is read per request (cheap: a short list).
    private static int? HttpsPortOf(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (address.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && BindingAddress.Parse(address).Port is > 0 and var port)
                return port;
        }
        return null;
    }
}
