using Platform.Contracts;

namespace Platform.Tests.Messaging;

/// <summary>The event the reliable-messaging tests publish through the outbox.</summary>
public sealed record LedgerEntryRecorded(string TenantId, Guid EntryId, int Amount) : ITenantMessage;
