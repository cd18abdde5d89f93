using Platform.Prediction.QuotaLeasing;

namespace Platform.Tests.Prediction;

/// <summary>
/// A tenant's leases in isolation, on explicit clocks: when the next lease is asked for ahead,
/// in which order the two are spent, and what goes back to tenancy, so no unit is ever charged
/// without being spent or given back.
/// </summary>
public sealed class TenantLeaseTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PeriodEnd = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    /// <summary>A renewal that tenancy grants, as <c>QuotaLeases</c> runs one: it must be due at <paramref name="at"/>.</summary>
    private static void RenewAhead(TenantLease lease, long granted, DateTimeOffset at)
    {
        Assert.True(lease.TryBeginRenewal(at, Window));
        lease.AddAhead(granted, at, Window, PeriodEnd);
        lease.EndRenewal(at, Window, failed: false);
    }

    [Fact]
    public void The_next_lease_is_asked_for_when_a_quarter_of_the_units_is_left_and_spent_after_the_current_one()
    {
        var lease = new TenantLease();
        lease.Add(8, At(0), Window, PeriodEnd); // the caller spends one: 7 left
        for (var i = 0; i < 4; i++)
        {
            Assert.True(lease.TryTake(At(0.1), Window));
            Assert.False(lease.TryBeginRenewal(At(0.1), Window)); // 6 … 3 left: more than a quarter of 8
        }
        Assert.True(lease.TryTake(At(0.1), Window)); // 2 left
        Assert.True(lease.TryBeginRenewal(At(0.1), Window));
        Assert.False(lease.TryBeginRenewal(At(0.1), Window)); // one renewal at a time

        lease.AddAhead(10, At(0.2), Window, PeriodEnd);
        lease.EndRenewal(At(0.2), Window, failed: false);
        Assert.False(lease.TryBeginRenewal(At(0.2), Window)); // one is waiting already

        // The current lease's last two units, then the ten taken ahead; nothing is owed.
        for (var i = 0; i < 12; i++) Assert.True(lease.TryTake(At(0.3), Window));
        Assert.False(lease.TryTake(At(0.3), Window));
        Assert.Equal(0, lease.TakeOwed(At(0.3), all: false).Units);
    }

    [Fact]
    public void The_next_lease_is_asked_for_in_the_last_quarter_of_the_current_ones_time()
    {
        var lease = new TenantLease();
        lease.Add(100, At(0), Window, PeriodEnd);
        Assert.True(lease.TryTake(At(0.5), Window));
        Assert.False(lease.TryBeginRenewal(At(0.5), Window));
        Assert.True(lease.TryTake(At(0.8), Window));
        Assert.True(lease.TryBeginRenewal(At(0.8), Window));
    }

    [Fact]
    public void Units_of_a_lease_that_expired_unspent_are_owed_and_each_lease_keeps_its_own_expiry()
    {
        var lease = new TenantLease();
        lease.Add(8, At(0), Window, PeriodEnd); // 7 left, until 1 s
        Assert.True(lease.TryTake(At(0.9), Window)); // 6 left, in the last quarter
        RenewAhead(lease, 5, At(0.9)); // until 1.9 s

        // At 1.2 s the current lease has expired with six units: they are owed, and the five
        // taken ahead serve; at 2 s those have expired too, with four left.
        Assert.True(lease.TryTake(At(1.2), Window));
        Assert.Equal(6, lease.TakeOwed(At(1.2), all: false).Units);
        Assert.False(lease.TryTake(At(2.0), Window));
        Assert.Equal(4, lease.TakeOwed(At(2.0), all: false).Units);
    }

    [Fact]
    public void On_shutdown_both_leases_go_back_whole()
    {
        var lease = new TenantLease();
        lease.Add(8, At(0), Window, PeriodEnd);
        for (var i = 0; i < 6; i++) Assert.True(lease.TryTake(At(0.1), Window)); // 1 left
        RenewAhead(lease, 9, At(0.1));

        var (units, periodEnd) = lease.TakeOwed(At(0.2), all: true);
        Assert.Equal(10, units);
        Assert.Equal(PeriodEnd, periodEnd);
        Assert.False(lease.TryTake(At(0.2), Window));
    }

    [Fact]
    public void A_tenant_charged_unit_by_unit_never_renews_ahead_nor_does_any_in_the_last_window_of_its_period_or_after_a_failed_renewal()
    {
        var single = new TenantLease();
        single.Add(1, At(0), Window, PeriodEnd);
        single.GiveBack(At(0));
        Assert.True(single.TryTake(At(0.9), Window));
        Assert.False(single.TryBeginRenewal(At(0.9), Window));

        var nearEnd = new TenantLease();
        nearEnd.Add(8, PeriodEnd.AddSeconds(-0.5), Window, PeriodEnd);
        for (var i = 0; i < 7; i++) Assert.True(nearEnd.TryTake(PeriodEnd.AddSeconds(-0.4), Window));
        Assert.False(nearEnd.TryBeginRenewal(PeriodEnd.AddSeconds(-0.4), Window));

        var refused = new TenantLease();
        refused.Add(8, At(0), Window, PeriodEnd);
        for (var i = 0; i < 6; i++) Assert.True(refused.TryTake(At(0.1), Window));
        Assert.True(refused.TryBeginRenewal(At(0.1), Window));
        refused.EndRenewal(At(0.1), Window, failed: true);
        Assert.True(refused.TryTake(At(0.2), Window));
        Assert.False(refused.TryBeginRenewal(At(0.2), Window)); // not for a window
        // The request that finds it empty asks tenancy itself; a window later renewals resume.
        Assert.False(refused.TryTake(At(0.3), Window));
        refused.Add(8, At(1.2), Window, PeriodEnd);
        for (var i = 0; i < 6; i++) Assert.True(refused.TryTake(At(1.3), Window));
        Assert.True(refused.TryBeginRenewal(At(1.3), Window));
    }
}
