namespace Platform.Prediction.QuotaLeasing;

/// <summary>
/// One tenant's units taken ahead from tenancy, and its recent demand. Every member is called
/// under the instance's own lock, so a unit is spent once; <see cref="Refill"/> lets one request
/// at a time ask tenancy for more while the others wait for what it brings.
/// </summary>
internal sealed class TenantLease
{
    private readonly Lock _lock = new();
    private long _units;
    private DateTimeOffset _expiresAt;
    private DateTimeOffset _periodEnd;
    private long _owed;
    private DateTimeOffset _owedPeriodEnd;
    private DateTimeOffset _windowStart;
    private long _takenThisWindow;
    private long _takenLastWindow;

    public SemaphoreSlim Refill { get; } = new(1, 1);

    /// <summary>Spends one leased unit, if an unexpired one is left.</summary>
    public bool TryTake(DateTimeOffset now, TimeSpan window)
    {
        lock (_lock)
        {
            if (_units == 0 || now >= _expiresAt) return false;
            _units--;
            Count(now, window);
            return true;
        }
    }

    /// <summary>
    /// Units to ask for: the tenant's demand over the last window (the busier window of the
    /// current and previous one), at least the one unit the caller needs, at most
    /// <paramref name="max"/>; only that one near the end of the quota period, because what a
    /// lease leaves unused after the period ended cannot be given back to it.
    /// </summary>
    public long NextSize(DateTimeOffset now, TimeSpan window, int max)
    {
        lock (_lock)
        {
            Roll(now, window);
            if (_periodEnd != default && now + window >= _periodEnd) return 1;
            return Math.Clamp(Math.Max(_takenLastWindow, _takenThisWindow), 1, max);
        }
    }

    /// <summary>Keeps what tenancy granted, less the unit the caller spends now.</summary>
    public void Add(long granted, DateTimeOffset now, TimeSpan window, DateTimeOffset periodEnd)
    {
        lock (_lock)
        {
            Expire(now);
            _units = granted - 1;
            _expiresAt = now + window < periodEnd ? now + window : periodEnd;
            _periodEnd = periodEnd;
            Count(now, window);
        }
    }

    /// <summary>A unit the caller took but did not use: spent by a later request or given back with the rest.</summary>
    public void GiveBack(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (now < _expiresAt) _units++;
            else OweCore(1, _periodEnd);
        }
    }

    /// <summary>
    /// What is owed back to tenancy now: the units of an expired lease (with <paramref name="all"/>,
    /// every unit, as on shutdown). Units of a period that has ended are dropped: tenancy gives
    /// back to the current period only.
    /// </summary>
    public (long Units, DateTimeOffset PeriodEnd) TakeOwed(DateTimeOffset now, bool all)
    {
        lock (_lock)
        {
            Expire(now, force: all);
            if (_owed > 0 && now >= _owedPeriodEnd) _owed = 0;
            var owed = (_owed, _owedPeriodEnd);
            _owed = 0;
            return owed;
        }
    }

    /// <summary>Units whose return failed, kept for the next attempt.</summary>
    public void Owe(long units, DateTimeOffset periodEnd)
    {
        lock (_lock) OweCore(units, periodEnd);
    }

    private void OweCore(long units, DateTimeOffset periodEnd)
    {
        // Periods only move forward: units still owed to an earlier one can no longer go back.
        if (_owed > 0 && _owedPeriodEnd < periodEnd) _owed = 0;
        _owed += units;
        _owedPeriodEnd = periodEnd;
    }

    private void Expire(DateTimeOffset now, bool force = false)
    {
        if (_units == 0 || (!force && now < _expiresAt)) return;
        OweCore(_units, _periodEnd);
        _units = 0;
        _expiresAt = now;
    }

    private void Count(DateTimeOffset now, TimeSpan window)
    {
        Roll(now, window);
        _takenThisWindow++;
    }

    private void Roll(DateTimeOffset now, TimeSpan window)
    {
        var elapsed = now - _windowStart;
        if (elapsed < window) return;
        // A window with no request in between means no recent demand at all.
        _takenLastWindow = elapsed < window + window ? _takenThisWindow : 0;
        _takenThisWindow = 0;
        _windowStart = now;
    }
}
