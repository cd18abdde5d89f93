using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Names server spans "METHOD route" and adds the HTTP semantic-convention tags that the
/// OpenTelemetry ASP.NET Core instrumentation would add (it cannot be restored here), so
/// traces in Jaeger read like those of any other .NET service.
/// </summary>
internal sealed class ActivityEnrichmentMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var activity = Activity.Current;
        if (activity is null)
        {
            await next(context);
            return;
        }

        var request = context.Request;
        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.path", request.Path.Value);
        activity.SetTag("url.scheme", request.Scheme);
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
        {
            activity.DisplayName = $"{request.Method} {route}";
            activity.SetTag("http.route", route);
        }
        else
        {
            activity.DisplayName = request.Method;
        }

        try
        {
            await next(context);
        }
        finally
        {
            activity.SetTag("http.response.status_code", context.Response.StatusCode);
            if (context.Response.StatusCode >= 500) activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}
