using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.Idempotency;

/// <summary><c>Idempotency-Key</c> handling (configuration section <c>Gateway:Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Gateway:Idempotency";

    public static readonly string[] DefaultMethods = ["POST", "PATCH"];

    public bool Enabled { get; set; } = true;

    /// <summary>Methods whose requests honour a key (POST and PATCH; add PUT or DELETE here). Configured, the list replaces the default.</summary>
    public string[]? Methods { get; set; }

    /// <summary>How long a completed request is replayed for its key.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// How long the in-flight marker holds a key. It is removed when the request ends; this only
    /// matters if the gateway dies mid-request, and must exceed the longest request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan InFlightLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Bodies above this are refused with 413 on requests with a key (they are buffered to be fingerprinted).</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    public IReadOnlyList<string> EffectiveMethods => Methods ?? DefaultMethods;
}
