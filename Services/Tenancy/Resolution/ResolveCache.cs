using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.Tenancy.Resolution;

/// <summary>
/// The last answers the resolver gave, used only while the database cannot be reached, so the
/// gateway keeps serving recently seen callers through an outage. Keyed by the key's hash (never
/// the key), subdomain or tenant id; only successful answers are kept, and only for
/// <see cref="ResolveOptions.StaleFor"/>.
/// </summary>
public sealed class ResolveCache(IOptions<ResolveOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (ResolvedTenant Tenant, DateTimeOffset SeenAt)> _entries = new(StringComparer.Ordinal);

    public void Remember(string key, ResolvedTenant tenant)
    {
        if (_entries.Count >= options.Value.MaxEntries) Prune();
        if (_entries.Count < options.Value.MaxEntries) _entries[key] = (tenant, time.GetUtcNow());
    }

    public bool TryRecall(string key, out ResolvedTenant tenant, out TimeSpan age)
    {
        (tenant, age) = (null!, TimeSpan.Zero);
        if (!_entries.TryGetValue(key, out var entry)) return false;
        age = time.GetUtcNow() - entry.SeenAt;
        if (age > options.Value.StaleFor) return false;
        tenant = entry.Tenant;
        return true;
    }

    /// <summary>A revoked key or suspended tenant must not live on in the cache past a change.</summary>
    public void Forget(Func<ResolvedTenant, bool> match)
    {
        foreach (var (key, entry) in _entries)
            if (match(entry.Tenant)) _entries.TryRemove(key, out _);
    }

    private void Prune()
    {
        var cutoff = time.GetUtcNow() - options.Value.StaleFor;
        foreach (var (key, entry) in _entries)
            if (entry.SeenAt < cutoff) _entries.TryRemove(key, out _);
    }
}
