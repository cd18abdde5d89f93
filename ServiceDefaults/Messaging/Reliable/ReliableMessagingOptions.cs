using System.ComponentModel.DataAnnotations;
using Platform.Contracts;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>Outbox dispatch and inbox retention (configuration section <c>Messaging:Outbox</c>).</summary>
public sealed class ReliableMessagingOptions
{
    public const string Section = "Messaging:Outbox";

    /// <summary>Rows locked and published per round trip.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Safety-net poll when no commit signal arrives (e.g. rows written by another instance).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the dispatcher, woken by a commit, waits for the commits right behind it before it
    /// publishes, when its last drain was small (under a tenth of <see cref="BatchSize"/>): under
    /// steady traffic of small commits one batch then carries several. It is added to those events'
    /// delivery time; zero publishes each commit's events at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan GatherDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Longest pause between attempts while the broker is unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for the broker to confirm one batch before it is rolled back and retried.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most deliveries that share one inbox transaction (group commit); 1 gives every delivery a
    /// transaction of its own.
    /// </summary>
    [Range(1, 1000)]
    public int InboxBatchLimit { get; set; } = 64;

    /// <summary>
    /// Message kinds (<c>[MessageKind]</c>, "default" without one) whose consumers never share an
    /// inbox transaction. Turns in a batch run one after another, so a consumer that waits on the
    /// outside world (a mail server, a long scoring job) would hold up every delivery behind it:
    /// such kinds run alone. Configured, the list replaces <see cref="DefaultInboxAloneKinds"/>.
    /// </summary>
    public string[]? InboxAloneKinds { get; set; }

    public static readonly string[] DefaultInboxAloneKinds = [MessageKinds.Notification, MessageKinds.BatchPrediction, MessageKinds.ReportGeneration];

    public bool RunsAlone(string kind) => (InboxAloneKinds ?? DefaultInboxAloneKinds).Contains(kind, StringComparer.Ordinal);

    /// <summary>How long inbox rows are kept: longer than any redelivery can arrive late.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);
}
