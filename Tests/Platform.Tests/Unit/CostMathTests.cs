using Platform.Tenancy.ApiKeys;
using Platform.Tenancy.Budgets;

namespace Platform.Tests.Unit;

public sealed class CostMathTests
{
    [Theory]
    [InlineData(10)] // a third of April gone, a third spent
    [InlineData(1)]
    [InlineData(29)]
    public void A_constant_run_rate_projects_exactly(int days)
    {
        var start = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddMonths(1); // 30 days
        const decimal perDay = 3.25m;
        var projected = RunRate.Project(perDay * days, start, end, start.AddDays(days));
        Assert.Equal(perDay * 30, projected);
    }

    [Fact]
    public void Within_the_first_hour_and_after_the_end_the_projection_is_what_was_spent()
    {
        var start = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(5m, RunRate.Project(5m, start, start.AddMonths(1), start.AddMinutes(59)));
        Assert.Equal(5m, RunRate.Project(5m, start, start.AddMonths(1), start.AddMonths(2)));
    }

    [Theory]
    [InlineData(BudgetPeriod.Monthly, "2026-11-23T10:00:00Z", "2026-11-01", "2026-12-01")]
    [InlineData(BudgetPeriod.Quarterly, "2026-11-23T10:00:00Z", "2026-10-01", "2027-01-01")]
    [InlineData(BudgetPeriod.Quarterly, "2026-03-31T23:59:59Z", "2026-01-01", "2026-04-01")]
    [InlineData(BudgetPeriod.Annual, "2026-02-28T00:00:00Z", "2026-01-01", "2027-01-01")]
    public void Budget_periods_are_calendar_periods_in_utc(BudgetPeriod period, string at, string start, string end)
    {
        var (s, e) = BudgetPeriods.Containing(period, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(start + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), s);
        Assert.Equal(DateTimeOffset.Parse(end + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), e);
    }

    [Fact]
    public void Api_keys_carry_their_tenant_and_256_bits_and_only_well_formed_keys_parse()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => ApiKeyFormat.Generate("acme-clinic")).ToList();
        Assert.Equal(1000, keys.Distinct().Count());
        Assert.All(keys, k => Assert.True(ApiKeyFormat.TryParse(k, out var tenant) && tenant == "acme-clinic"));
        // Every alphabet character shows up: the secret is drawn from all 62, not a subset.
        Assert.Equal(62, keys.SelectMany(k => k[^ApiKeyFormat.SecretLength..]).Distinct().Count());
        Assert.False(ApiKeyFormat.TryParse("pk_acme-clinic_short", out _));
        Assert.False(ApiKeyFormat.TryParse("sk_acme-clinic_" + new string('a', 43), out _));
        Assert.False(ApiKeyFormat.TryParse("pk_acme-clinic_" + new string('-', 43), out _));
        Assert.StartsWith("pk_acme-clinic_", ApiKeyFormat.Hint(keys[0]), StringComparison.Ordinal);
        Assert.True(ApiKeyFormat.Hint(keys[0]).Length < keys[0].Length - 30);
    }
}
