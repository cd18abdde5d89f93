using MassTransit;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Tests.Messaging;

/// <summary>Applies an event by writing a row; the inbox commits it with the message's inbox record.</summary>
public sealed class LedgerEntryRecordedConsumer(LedgerDbContext db, LedgerFaults faults, LedgerSideEffects effects, AfterInboxCommit afterCommit) : IConsumer<LedgerEntryRecorded>
{
    public async Task Consume(ConsumeContext<LedgerEntryRecorded> context)
    {
        var entryId = context.Message.EntryId;
        if (faults.IsFailing(entryId)) throw new InvalidOperationException(LedgerFaults.Reason);
        db.Applied.Add(new AppliedEntry { EntryId = entryId });
        afterCommit.Add(() => effects.Run(entryId));
        if (!faults.FailsAfterWriting(entryId)) return;
        await db.SaveChangesAsync(context.CancellationToken);
        throw new InvalidOperationException(LedgerFaults.Reason);
    }
}
