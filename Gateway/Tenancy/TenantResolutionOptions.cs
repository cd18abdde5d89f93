using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.Tenancy;

/// <summary>How the gateway attributes requests to tenants (configuration section <c>Gateway:TenantResolution</c>).</summary>
public sealed class TenantResolutionOptions
{
    public const string Section = "Gateway:TenantResolution";

    /// <summary>
    /// Requests to <c>{tenant}.{BaseDomain}</c> name their tenant by subdomain (which must agree
    /// with the key). Unset: the host name is not looked at.
    /// </summary>
    [RegularExpression(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$")]
    public string? BaseDomain { get; set; }

    /// <summary>
    /// How long a resolved key or subdomain is answered from memory: a revoked key or a suspension
    /// takes at most this long to reach the gateway.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an unknown key is remembered, so a flood of bad keys does not reach tenancy.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan NegativeCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
