using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.Limits;

/// <summary>Bounds on what one request may cost the gateway (configuration section <c>Gateway:Limits</c>).</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Gateway:Limits";

    /// <summary>Request bodies above this get 413; a route may set its own with <c>MaxRequestBodyBytes</c> metadata.</summary>
    [Range(0, 1L << 32)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>A request not answered within this gets 504 (a route may set <c>Timeout</c> in its YARP config).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A client that has not sent its headers within this is disconnected (slow-loris).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests slower than this are logged as warnings.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan SlowRequestThreshold { get; set; } = TimeSpan.FromSeconds(1);
}
