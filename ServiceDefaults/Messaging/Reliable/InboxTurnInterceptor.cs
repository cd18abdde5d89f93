using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// Counts the commands EF Core creates while a delivery has its turn in a shared inbox
/// transaction. A delivery that fails without having sent one leaves the transaction as its
/// neighbours made it, so the batch can go on without it; one that sent any cannot be told apart
/// from a partial write, so its batch rolls back. Commands sent on the raw connection, around
/// EF, are not seen: a consumer that writes that way must not throw after writing.
/// </summary>
internal sealed class InboxTurnInterceptor : DbCommandInterceptor
{
    private static readonly AsyncLocal<InboxParticipant?> Turn = new();

    /// <summary>Marks the rest of the caller's async flow as <paramref name="participant"/>'s turn.</summary>
    public static void Begin(InboxParticipant participant) => Turn.Value = participant;

    public static void End() => Turn.Value = null;

    public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result)
    {
        if (Turn.Value is { } participant) participant.CommandsInTurn++;
        return result;
    }
}
