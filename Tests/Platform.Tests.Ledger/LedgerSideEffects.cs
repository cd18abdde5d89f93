using System.Collections.Concurrent;

namespace Platform.Tests.Messaging;

/// <summary>
/// An effect of applying an entry that lives outside the ledger's database (as a metric does):
/// how many times each entry's effect ran, to show it runs once per committed delivery.
/// </summary>
public sealed class LedgerSideEffects
{
    private readonly ConcurrentDictionary<Guid, int> _runs = new();

    public void Run(Guid entryId) => _runs.AddOrUpdate(entryId, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<Guid, int> Runs => _runs;
}
