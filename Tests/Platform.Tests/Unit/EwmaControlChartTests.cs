using Platform.Tenancy.Anomalies;

namespace Platform.Tests.Unit;

public sealed class EwmaControlChartTests
{
    private static readonly DateOnly First = new(2026, 10, 1);

    private static List<(DateOnly, decimal)> Series(params decimal[] spend) => [.. spend.Select((s, i) => (First.AddDays(i), s))];

    [Fact]
    public void A_flat_spend_around_100_then_a_day_at_150_flags_the_spike_and_nothing_else()
    {
        var verdicts = EwmaControlChart.JudgeAll(Series(100, 101, 99, 100, 102, 98, 100, 101, 99, 100, 150)).ToList();
        Assert.Equal(4, verdicts.Count); // days 8 to 11: the first seven are history only
        var flagged = Assert.Single(verdicts, v => v.IsAnomaly);
        Assert.Equal(First.AddDays(10), flagged.Day);
        Assert.Equal(150m, flagged.Spend);
        // The EWMA after the spike is 0.3 × 150 + 0.7 × (≈100): above the upper limit, which is near 100.
        Assert.InRange(flagged.Ewma, 114m, 116m);
        Assert.InRange(flagged.Upper, 100m, 103m);
        Assert.True(flagged.Lower < 100m);
    }

    [Fact]
    public void A_drop_is_flagged_too_and_fewer_than_seven_days_of_history_judge_nothing()
    {
        Assert.True(EwmaControlChart.Judge(Series(100, 101, 99, 100, 102, 98, 100, 101, 40))!.IsAnomaly);
        Assert.Null(EwmaControlChart.Judge(Series(100, 101, 99, 100, 102, 98, 150)));
    }

    [Fact]
    public void A_perfectly_flat_history_tolerates_rounding_but_not_a_real_change()
    {
        Assert.False(EwmaControlChart.Judge(Series(50, 50, 50, 50, 50, 50, 50, 50.01m))!.IsAnomaly);
        Assert.True(EwmaControlChart.Judge(Series(50, 50, 50, 50, 50, 50, 50, 60))!.IsAnomaly);
    }
}
