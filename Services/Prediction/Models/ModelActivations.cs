using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Platform.Prediction.Data;

namespace Platform.Prediction.Models;

/// <summary>
/// The activated versions as this instance last read them: written through by the admin API,
/// re-read by <see cref="ModelActivationRefresher"/> so a choice made on another instance arrives
/// within one refresh interval. Reads are a lock-free dictionary lookup on the scoring path.
/// </summary>
public sealed class ModelActivations(IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly Lock _applying = new();
    private volatile FrozenDictionary<string, ModelActivation>? _current;
    private long _readsStarted;
    private long _readApplied;

    /// <summary>False until the first successful read: until then no instance can know the operator's choice.</summary>
    public bool Loaded => _current is not null;

    public ModelActivation? Of(string name) => _current?.GetValueOrDefault(name);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // Reads overlap (the refresher's and an admin call's write-through), and one that started
        // before an activation was saved can finish after the read that saw it: only a read that
        // started later than the one applied may replace it, or a stale read would undo the
        // activation here until the next refresh.
        var read = Interlocked.Increment(ref _readsStarted);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PredictionDbContext>();
        var rows = await db.ModelActivations.AsNoTracking().ToListAsync(cancellationToken);
        lock (_applying)
        {
            if (read < _readApplied) return;
            _readApplied = read;
            _current = rows.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
        }
    }

    /// <summary>Makes <paramref name="version"/> the one <paramref name="name"/> serves, on every instance.</summary>
    public async Task<ModelActivation> ActivateAsync(string name, int version, int? previous, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PredictionDbContext>();
            var row = await db.ModelActivations.SingleOrDefaultAsync(a => a.Name == name, cancellationToken);
            if (row is null) db.ModelActivations.Add(row = new ModelActivation { Name = name });
            row.PreviousVersion = previous;
            row.Version = version;
            row.ActivatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        await RefreshAsync(cancellationToken);
        return Of(name)!;
    }
}
