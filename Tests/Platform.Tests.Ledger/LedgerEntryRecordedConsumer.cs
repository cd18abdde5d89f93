using MassTransit;

namespace Platform.Tests.Messaging;

/// <summary>Applies an event by writing a row; the inbox commits it with the message's inbox record.</summary>
public sealed class LedgerEntryRecordedConsumer(LedgerDbContext db, LedgerFaults faults) : IConsumer<LedgerEntryRecorded>
{
    public Task Consume(ConsumeContext<LedgerEntryRecorded> context)
    {
        if (faults.IsFailing(context.Message.EntryId)) throw new InvalidOperationException(LedgerFaults.Reason);
        db.Applied.Add(new AppliedEntry { EntryId = context.Message.EntryId });
        return Task.CompletedTask;
    }
}
