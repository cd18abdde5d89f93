using System.Collections.Concurrent;

namespace Platform.Tenancy.Budgets;

/// <summary>
/// Remembers, for a few seconds, that a tenant has no budget a category's costs count towards:
/// a cost event comes with every single prediction, and looking the budgets up again for each was
/// a fifth of tenancy's time under load. Only the absence is remembered (a budget that exists is
/// always read fresh, so a changed or deleted one is never evaluated from memory). A budget created
/// or replaced through this instance is seen at once; one created through another instance is
/// evaluated at most <see cref="Duration"/> later, by a cost that then sees the whole spend.
/// </summary>
public sealed class TenantsWithoutBudgets(TimeProvider time)
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string Tenant, string Category), DateTimeOffset> _until = new();

    public bool Knows(string tenantId, string category) =>
        _until.TryGetValue((tenantId, category), out var until) && time.GetUtcNow() < until;

    public void Remember(string tenantId, string category) => _until[(tenantId, category)] = time.GetUtcNow() + Duration;

    /// <summary>The tenant has (or may have) a budget now: forget everything remembered about it.</summary>
    public void Forget(string tenantId)
    {
        foreach (var key in _until.Keys)
        {
            if (key.Tenant == tenantId) _until.TryRemove(key, out _);
        }
    }
}
