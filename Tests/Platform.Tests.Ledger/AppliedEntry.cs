namespace Platform.Tests.Messaging;

/// <summary>One application of an event by the consumer. No unique key on purpose: a duplicate would show.</summary>
public sealed class AppliedEntry
{
    public long Id { get; set; }

    public Guid EntryId { get; set; }
}
