using System.ComponentModel.DataAnnotations;

namespace Platform.Tenancy.Resolution;

/// <summary>Configuration <c>Tenancy:Resolve</c>: the outage cache.</summary>
public sealed class ResolveOptions
{
    public const string Section = "Tenancy:Resolve";

    /// <summary>How old a remembered answer may be and still be served while the database is down.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StaleFor { get; set; } = TimeSpan.FromMinutes(5);

    [Range(0, 10_000_000)]
    public int MaxEntries { get; set; } = 100_000;
}
