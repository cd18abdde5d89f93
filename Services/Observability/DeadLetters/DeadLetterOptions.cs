using System.ComponentModel.DataAnnotations;

namespace Platform.Observability.DeadLetters;

/// <summary>The dead-letter archive (section <c>DeadLetters</c>).</summary>
public sealed class DeadLetterOptions
{
    public const string Section = "DeadLetters";

    /// <summary>How often announced queues are checked for new <c>_error</c>/<c>_skipped</c> queues to drain.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Unacknowledged dead letters in flight per queue.</summary>
    [Range(1, 1000)]
    public ushort Prefetch { get; set; } = 20;

    /// <summary>Resolved records older than this are removed by <c>DELETE /v1/admin/dlq</c> without <c>olderThanDays</c>.</summary>
    [Range(0, 3650)]
    public int CleanupAfterDays { get; set; } = 7;

    /// <summary>Most records one batch retry re-publishes.</summary>
    [Range(1, 10_000)]
    public int MaxBatchRetry { get; set; } = 1000;
}
