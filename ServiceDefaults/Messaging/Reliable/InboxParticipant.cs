using System.Data.Common;
using System.Diagnostics;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// One delivery waiting in an <see cref="InboxCommitGroup{TContext}"/>. The group and the
/// delivery's own flow hand over through these completions, so the consumer always runs on the
/// delivery's own flow (its trace, tenant and logging scope), never on the group's.
/// </summary>
internal sealed class InboxParticipant(string consumer, Guid messageId, ActivityContext trace)
{
    public string Consumer { get; } = consumer;

    public Guid MessageId { get; } = messageId;

    /// <summary>The delivery's trace, linked from the batch's activity.</summary>
    public ActivityContext Trace { get; } = trace;

    /// <summary>Set by the group: duplicate, alone, or a turn on <see cref="Transaction"/>.</summary>
    public TaskCompletionSource<InboxClaimKind> Claim { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The group's transaction, valid during the turn only.</summary>
    public DbTransaction? Transaction { get; set; }

    /// <summary>Commands EF Core created during the turn (see <see cref="InboxTurnInterceptor"/>).</summary>
    public int CommandsInTurn { get; set; }

    /// <summary>Set by the delivery when its turn ends.</summary>
    public TaskCompletionSource<InboxTurnOutcome> TurnDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the group after the turns: true when the batch committed.</summary>
    public TaskCompletionSource<bool> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
