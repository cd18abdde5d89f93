namespace Platform.Tests.Infrastructure;

/// <summary>
/// For tests whose proof needs a few requests to land within a short time (a window's edge, a
/// bucket spent before a token comes back): each attempt returns false when the machine was too
/// slow for its timing to prove anything, and the test fails only when every attempt was.
/// </summary>
public static class TimingAttempts
{
    public static async Task RunAsync(int attempts, Func<Task<bool>> attempt, string whenAllTooSlow)
    {
        for (var i = 0; i < attempts; i++)
        {
            if (await attempt()) return;
        }
        Assert.Fail($"{attempts} attempts in a row were too slow: {whenAllTooSlow}");
    }
}
