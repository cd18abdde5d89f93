using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Platform.Contracts;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Delayed-redelivery policies per message kind (section <c>Messaging:Redelivery</c>), e.g.
/// <c>Messaging__Redelivery__Notification__InitialDelay=00:00:01</c>. A message type picks its
/// kind with <see cref="MessageKindAttribute"/>; all others follow <see cref="Default"/>.
/// </summary>
public sealed class DelayedRedeliveryOptions
{
    public const string Section = "Messaging:Redelivery";

    [Required, ValidateObjectMembers]
    public RedeliveryPolicy Default { get; set; } = RedeliveryPolicy.Of(3, 30, 2);

    [Required, ValidateObjectMembers]
    public RedeliveryPolicy BatchPrediction { get; set; } = RedeliveryPolicy.Of(2, 60, 2);

    [Required, ValidateObjectMembers]
    public RedeliveryPolicy Notification { get; set; } = RedeliveryPolicy.Of(5, 60, 1.5);

    [Required, ValidateObjectMembers]
    public RedeliveryPolicy ReportGeneration { get; set; } = RedeliveryPolicy.Of(3, 180, 2);

    [Required, ValidateObjectMembers]
    public RedeliveryPolicy Cleanup { get; set; } = RedeliveryPolicy.Of(2, 600, 2);

    /// <summary>Bodies larger than this go straight to the error queue, unread.</summary>
    [Range(1024, 128 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    public RedeliveryPolicy For(string? kind) => kind switch
    {
        MessageKinds.BatchPrediction => BatchPrediction,
        MessageKinds.Notification => Notification,
        MessageKinds.ReportGeneration => ReportGeneration,
        MessageKinds.Cleanup => Cleanup,
        _ => Default,
    };
}
