using System.Globalization;
using System.Text;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers: <c>RateLimit-Policy</c>
/// lists every quota, <c>RateLimit</c> what is left of each) and the widespread
/// <c>X-RateLimit-Limit/-Remaining/-Reset</c> for the quota closest to running out. Times are
/// delta seconds, rounded up so a client that waits them is never early.
/// </summary>
public static class RateLimitHeaders
{
    public static void Write(IHeaderDictionary headers, RateLimitVerdict verdict)
    {
        if (verdict.Tightest is not { } tightest) return;
        var policies = new StringBuilder();
        var states = new StringBuilder();
        foreach (var state in verdict.States)
        {
            if (policies.Length > 0)
            {
                policies.Append(", ");
                states.Append(", ");
            }
            policies.Append(CultureInfo.InvariantCulture, $"\"{state.Policy.Name}\";q={state.Policy.Quota};w={Seconds(state.Policy.Window)}");
            states.Append(CultureInfo.InvariantCulture, $"\"{state.Policy.Name}\";r={state.Remaining};t={Seconds(state.Reset)}");
        }
        headers["RateLimit-Policy"] = policies.ToString();
        headers["RateLimit"] = states.ToString();
        headers["X-RateLimit-Limit"] = tightest.Policy.Quota.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = tightest.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = Seconds(tightest.Reset).ToString(CultureInfo.InvariantCulture);
    }

    public static long Seconds(TimeSpan time) => Math.Max(0, (long)Math.Ceiling(time.TotalSeconds));
}
