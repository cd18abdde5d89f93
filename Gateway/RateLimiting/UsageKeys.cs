namespace Platform.Gateway.RateLimiting;

/// <summary>Where the per-minute API-call counts live in Redis until they are published to tenancy.</summary>
internal static class UsageKeys
{
    /// <summary>A sorted set of the minutes (epoch ms) that have counts.</summary>
    public static string Index(string prefix) => prefix + "usage:minutes";

    /// <summary>A hash tenant → calls per minute is named this prefix + the minute's epoch ms.</summary>
    public static string MinutePrefix(string prefix) => prefix + "usage:m:";

    public static string Pending(string prefix, long minute) => $"{prefix}usage:pending:{minute}";

    public static string Lease(string prefix, long minute) => $"{prefix}usage:lease:{minute}";
}
