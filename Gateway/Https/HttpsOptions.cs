using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.Https;

/// <summary>Transport security at the edge (configuration section <c>Gateway:Https</c>).</summary>
public sealed class HttpsOptions : IValidatableObject
{
    public const string Section = "Gateway:Https";

    public static readonly string[] DefaultExcludedPaths = ["/health*", "/alive", "/metrics"];

    /// <summary>Plain HTTP gets 400 instead of a redirect: a client that sent a key over HTTP learns it did.</summary>
    public bool Strict { get; set; }

    /// <summary>
    /// Port HTTP requests are redirected to. Unset: the port of the gateway's own HTTPS binding;
    /// behind a TLS-terminating load balancer set it to the public port (443 is left out of the URL).
    /// </summary>
    [Range(1, 65535)]
    public int? RedirectPort { get; set; }

    /// <summary>
    /// Paths reachable over plain HTTP (probes and scrapers inside the cluster); a trailing
    /// <c>*</c> matches any path with that prefix. Configured, the list replaces <see cref="DefaultExcludedPaths"/>.
    /// </summary>
    public string[]? ExcludedPaths { get; set; }

    /// <summary>Addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/8</c>) whose <c>X-Forwarded-Proto</c>/<c>-For</c> are believed.</summary>
    public string[] TrustedProxies { get; set; } = [];

    [Required]
    public HstsOptions Hsts { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in TrustedProxies)
        {
            if (!TrustedProxyList.TryParse(proxy, out _))
                yield return new ValidationResult($"'{proxy}' is neither an IP address nor a network in CIDR notation.", [nameof(TrustedProxies)]);
        }
        foreach (var path in ExcludedPaths ?? [])
        {
            if (!path.StartsWith('/'))
                yield return new ValidationResult($"Excluded path '{path}' must start with '/'.", [nameof(ExcludedPaths)]);
        }
        if (Hsts.MaxAge < TimeSpan.Zero)
            yield return new ValidationResult("Hsts:MaxAge cannot be negative.", [nameof(Hsts)]);
    }
}
