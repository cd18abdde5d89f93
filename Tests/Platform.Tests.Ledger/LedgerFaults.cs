using System.Collections.Concurrent;

namespace Platform.Tests.Messaging;

/// <summary>Entries whose events the ledger consumer refuses, until the test "fixes the cause".</summary>
public sealed class LedgerFaults
{
    public const string Reason = "The ledger cannot apply this entry yet.";

    private readonly ConcurrentDictionary<Guid, bool> _failing = new();

    /// <param name="afterWriting">Fail only after saving the entry's row, as a consumer that breaks halfway would.</param>
    public void Fail(Guid entryId, bool afterWriting = false) => _failing[entryId] = afterWriting;

    public void Fix(Guid entryId) => _failing.TryRemove(entryId, out _);

    public bool IsFailing(Guid entryId) => _failing.TryGetValue(entryId, out var afterWriting) && !afterWriting;

    public bool FailsAfterWriting(Guid entryId) => _failing.TryGetValue(entryId, out var afterWriting) && afterWriting;
}
