namespace Platform.Prediction.QuotaLeasing;

/// <summary>
/// One tenant's units taken ahead from tenancy, and its recent demand. Every member is called
/// under the instance's own lock, so a unit is spent once; <see cref="Refill"/> lets one caller
/// at a time ask tenancy for more while the others wait for what it brings.
/// </summary>
/// <remarks>
/// Units are held in two leases: the current one, being spent, and one renewed ahead of it when
/// the current runs low (<see cref="TryBeginRenewal"/>), so a busy tenant's requests never wait
/// for tenancy. Each lease keeps its own expiry, one duration after it was granted, so no unit is
/// charged more than one duration before it is spent or given back.
/// </remarks>
internal sealed class TenantLease
{
    private readonly Lock _lock = new();
    private long _units;
    private long _size;
    private DateTimeOffset _expiresAt;
    private DateTimeOffset _periodEnd;
    private long _aheadUnits;
    private DateTimeOffset _aheadExpiresAt;
    private DateTimeOffset _aheadPeriodEnd;
    private bool _renewing;
    private DateTimeOffset _noRenewalBefore;
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
            Advance(now);
            if (_units == 0) return false;
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
            if (NearPeriodEnd(now, window)) return 1;
            return Math.Clamp(Math.Max(_takenLastWindow, _takenThisWindow), 1, max);
        }
    }

    /// <summary>Keeps what tenancy granted to a caller that found no unit, less the unit it spends now.</summary>
    public void Add(long granted, DateTimeOffset now, TimeSpan window, DateTimeOffset periodEnd)
    {
        lock (_lock)
        {
            Advance(now);
            // A unit given back while the caller asked tenancy goes back with the rest, not into a
            // lease that expires later than the one it was charged with.
            if (_units > 0) OweCore(_units, _periodEnd);
            (_units, _size, _expiresAt, _periodEnd) = (granted - 1, granted, Expiry(now, window, periodEnd), periodEnd);
            Count(now, window);
        }
    }

    /// <summary>
    /// True when the current lease runs low (a quarter of its units or of its time left) and the
    /// tenant's demand is more than one unit at a time, and no renewal is under way or already
    /// waiting: the caller then asks tenancy for the next lease without making a request wait,
    /// and ends with <see cref="EndRenewal"/> whatever happens. A tenant charged unit by unit
    /// never renews ahead, nor does any tenant in the last window of its quota period.
    /// </summary>
    public bool TryBeginRenewal(DateTimeOffset now, TimeSpan window)
    {
        lock (_lock)
        {
            Advance(now);
            if (_renewing || _aheadUnits > 0 || _size <= 1 || now < _noRenewalBefore || NearPeriodEnd(now, window)) return false;
            if (_units > _size / 4 && now < _expiresAt - window / 4) return false;
            _renewing = true;
            return true;
        }
    }

    /// <summary>Keeps what tenancy granted ahead: spent once the current lease is spent or expired.</summary>
    public void AddAhead(long granted, DateTimeOffset now, TimeSpan window, DateTimeOffset periodEnd)
    {
        lock (_lock)
        {
            (_aheadUnits, _aheadExpiresAt, _aheadPeriodEnd) = (granted, Expiry(now, window, periodEnd), periodEnd);
        }
    }

    /// <summary>
    /// Ends a renewal. After one that failed (tenancy refused or could not be reached) none is
    /// tried for a window: the request that finds the lease empty asks tenancy itself and answers
    /// with what it says.
    /// </summary>
    public void EndRenewal(DateTimeOffset now, TimeSpan window, bool failed)
    {
        lock (_lock)
        {
            _renewing = false;
            if (failed) _noRenewalBefore = now + window;
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
    /// What is owed back to tenancy now: the units of expired leases (with <paramref name="all"/>,
    /// every unit, as on shutdown). Units of a period that has ended are dropped: tenancy gives
    /// back to the current period only.
    /// </summary>
    public (long Units, DateTimeOffset PeriodEnd) TakeOwed(DateTimeOffset now, bool all)
    {
        lock (_lock)
        {
            Advance(now, force: all);
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

    private bool NearPeriodEnd(DateTimeOffset now, TimeSpan window) => _periodEnd != default && now + window >= _periodEnd;

    private static DateTimeOffset Expiry(DateTimeOffset now, TimeSpan window, DateTimeOffset periodEnd) =>
        now + window < periodEnd ? now + window : periodEnd;

    private void OweCore(long units, DateTimeOffset periodEnd)
    {
        // Periods only move forward: units still owed to an earlier one can no longer go back.
        if (_owed > 0 && _owedPeriodEnd < periodEnd) _owed = 0;
        _owed += units;
        _owedPeriodEnd = periodEnd;
    }

    /// <summary>
    /// An expired current lease (with <paramref name="force"/>, any) is owed back; a spent or
    /// expired one gives way to the lease taken ahead, which may itself have expired unspent.
    /// </summary>
    private void Advance(DateTimeOffset now, bool force = false)
    {
        ExpireCurrent(now, force);
        if (_units > 0 || _aheadUnits == 0) return;
        (_units, _size, _expiresAt, _periodEnd) = (_aheadUnits, _aheadUnits, _aheadExpiresAt, _aheadPeriodEnd);
        _aheadUnits = 0;
        ExpireCurrent(now, force);
    }

    private void ExpireCurrent(DateTimeOffset now, bool force)
    {
        if (_units == 0 || (!force && now < _expiresAt)) return;
        OweCore(_units, _periodEnd);
        _units = 0;
        // A unit given back from here on was charged with this lease: it is owed too.
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
