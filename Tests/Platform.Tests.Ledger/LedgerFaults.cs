using System.Collections.Concurrent;

namespace Platform.Tests.Messaging;

/// <summary>Entries whose events the ledger consumer refuses, until the test "fixes the cause".</summary>
public sealed class LedgerFaults
{
    public const string Reason = "The ledger cannot apply this entry yet.";

    private readonly ConcurrentDictionary<Guid, bool> _failing = new();

    public void Fail(Guid entryId) => _failing[entryId] = true;

    public void Fix(Guid entryId) => _failing.TryRemove(entryId, out _);

    public bool IsFailing(Guid entryId) => _failing.ContainsKey(entryId);
}
