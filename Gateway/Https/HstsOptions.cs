namespace Platform.Gateway.Https;

/// <summary>The <c>Strict-Transport-Security</c> header sent on HTTPS responses.</summary>
public sealed class HstsOptions
{
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(365);

    public bool IncludeSubDomains { get; set; } = true;

    /// <summary>Off by default: preload lists are hard to leave, so a deployment opts in knowingly.</summary>
    public bool Preload { get; set; }

    public string HeaderValue() =>
        $"max-age={(long)MaxAge.TotalSeconds}{(IncludeSubDomains ? "; includeSubDomains" : "")}{(Preload ? "; preload" : "")}";
}
