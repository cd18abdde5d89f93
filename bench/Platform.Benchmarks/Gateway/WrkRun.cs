using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Benchmarks.Gateway;

/// <summary>One <c>wrk</c> run (closed loop, as fast as the target goes): requests/s and the latency percentiles it reports.</summary>
public sealed partial record WrkRun(string Target, double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long Errors)
{
    public static async Task<WrkRun> RunAsync(string target, Uri url, TimeSpan duration, int connections, IReadOnlyDictionary<string, string> headers)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency" }) start.ArgumentList.Add(argument);
        foreach (var (name, value) in headers)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add($"{name}: {value}");
        }
        start.ArgumentList.Add(url.ToString());
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk)");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {error}{output}");

        var rps = Number(RequestsPerSecondPattern().Match(output), output, "Requests/sec");
        var p50 = Milliseconds(PercentilePattern("50").Match(output), output);
        var p99 = Milliseconds(PercentilePattern("99").Match(output), output);
        var errors = NonSuccessPattern().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        errors += SocketErrorsPattern().Matches(output).Sum(e => long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture));
        return new WrkRun(target, rps, p50, p99, errors);
    }

    private static double Number(Match match, string output, string what) =>
        match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"no {what} in wrk output: {output}");

    // wrk prints latencies as 1.23ms, 456.00us or 1.02s.
    private static double Milliseconds(Match match, string output)
    {
        if (!match.Success) throw new InvalidOperationException($"no latency distribution in wrk output: {output}");
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, "m" => value * 60_000, _ => value };
    }

    private static Regex PercentilePattern(string percentile) => new($@"^\s+{percentile}%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecondPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex NonSuccessPattern();

    [GeneratedRegex(@"(?:connect|read|write|timeout) ([0-9]+)")]
    private static partial Regex SocketErrorsPattern();
}
