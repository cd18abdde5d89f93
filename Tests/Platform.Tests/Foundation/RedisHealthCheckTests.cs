using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.LocalInfra;
using Platform.ServiceDefaults.Health;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>The Redis check against a real password-protected server, as deployments run Redis.</summary>
public sealed class RedisHealthCheckTests(PlatformServers servers)
{
    [Fact]
    public async Task A_password_in_the_connection_string_authenticates_and_a_wrong_one_is_reported_without_echoing_it()
    {
        var port = FreePort.Next();
        var directory = Path.Combine(servers.RunDirectory, "servers", TestTags.New("redisauth"));
        Directory.CreateDirectory(directory);
        await using var redis = ExternalProcess.Start("redis-auth", Executables.Require("redis", "redis-server", "redis-server"),
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--requirepass", "s3cret-Pa55",
             "--save", "", "--appendonly", "no", "--dir", directory], Path.Combine(directory, "redis.log"));
        await Eventually.Until(() => FreePort.AcceptsAsync("127.0.0.1", port, TestContext.Current.CancellationToken), up => up, TimeSpan.FromSeconds(10), "redis listening");

        var right = await CheckAsync($"127.0.0.1:{port},password=s3cret-Pa55");
        var wrong = await CheckAsync($"127.0.0.1:{port},password=not-the-password");
        var none = await CheckAsync($"127.0.0.1:{port}");

        Assert.Equal(HealthStatus.Healthy, right.Status);
        Assert.Equal(HealthStatus.Unhealthy, wrong.Status);
        Assert.StartsWith("authentication failed", wrong.Description);
        Assert.DoesNotContain("not-the-password", wrong.Description);
        Assert.Equal(HealthStatus.Unhealthy, none.Status);
        Assert.Contains("NOAUTH", none.Description);
    }

    private static Task<HealthCheckResult> CheckAsync(string connectionString) =>
        new RedisHealthCheck(connectionString).CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("redis", _ => null!, HealthStatus.Unhealthy, null),
        }, TestContext.Current.CancellationToken);
}
