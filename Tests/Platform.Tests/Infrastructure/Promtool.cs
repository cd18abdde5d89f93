using System.Diagnostics;

namespace Platform.Tests.Infrastructure;

/// <summary>Runs Prometheus' own linter on exposition text and configuration files.</summary>
public static class Promtool
{
    public static Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition) =>
        RunAsync(["check", "metrics"], exposition);

    public static Task<(int ExitCode, string Output)> CheckConfigAsync(string path) =>
        RunAsync(["check", "config", path], standardInput: null);

    public static Task<(int ExitCode, string Output)> CheckRulesAsync(string path) =>
        RunAsync(["check", "rules", path], standardInput: null);

    /// <summary>Runs the alert rules' unit tests in <paramref name="path"/> (its rule files are found relative to it).</summary>
    public static Task<(int ExitCode, string Output)> TestRulesAsync(string path) =>
        RunAsync(["test", "rules", path], standardInput: null);

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, string? standardInput)
    {
        var promtool = Platform.LocalInfra.Executables.Find("promtool")
            ?? throw new InvalidOperationException("promtool not found. Install it with: sudo apt-get install -y prometheus");
        using var process = Process.Start(new ProcessStartInfo(promtool, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
