namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Per client address: more than <see cref="RequestsPerWindow"/> requests that the gateway could not
/// attribute to a tenant or the admin (no key, a wrong key, a forged tenant) within the rate-limit
/// window block the address for <see cref="BlockDuration"/>. Attributed traffic is limited per
/// tenant and per key instead, so many clinics behind one NAT address are not punished for each other.
/// </summary>
public sealed class FloodGuardOptions
{
    public bool Enabled { get; set; } = true;

    public int RequestsPerWindow { get; set; } = 100;

    public TimeSpan BlockDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long an instance trusts what it last learned about an address (saves a Redis round trip
    /// on most requests); a block or unblock made elsewhere takes that long to arrive. Zero: ask every time.
    /// </summary>
    public TimeSpan StateCacheDuration { get; set; } = TimeSpan.FromSeconds(1);
}
