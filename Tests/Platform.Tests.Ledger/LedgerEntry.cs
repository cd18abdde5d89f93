namespace Platform.Tests.Messaging;

/// <summary>Business data written in the same transaction as the event about it.</summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }

    public Guid EntryId { get; set; }

    public int Amount { get; set; }
}
