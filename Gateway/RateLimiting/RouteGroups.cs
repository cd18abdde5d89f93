using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.RateLimiting;

/// <summary>A route's rate-limit group, from its YARP metadata <c>"RateLimitGroup"</c>.</summary>
public static class RouteGroups
{
    public const string MetadataKey = "RateLimitGroup";

    public static string Of(HttpContext context) =>
        context.GetReverseProxyFeature().Route.Config.Metadata?.GetValueOrDefault(MetadataKey) is { Length: > 0 } group
            ? group
            : RateLimitOptions.DefaultGroup;
}
