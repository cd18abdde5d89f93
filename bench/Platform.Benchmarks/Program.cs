using Platform.Benchmarks;
using Platform.LocalInfra;

// ./platform bench [runs]: the AppHost from process start to all-Healthy, against the floor any
// start pays (the three servers alone), measured in the same run on the same machine.
var runs = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 3;
var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory);
var scratch = Directory.CreateTempSubdirectory("platform-bench-");
try
{
    var baseline = new List<TimeSpan>();
    var startup = new List<TimeSpan>();
    for (var run = 1; run <= runs; run++)
    {
        Console.WriteLine($"run {run}/{runs}: servers only …");
        baseline.Add(await StartupBenchmark.ServersOnlyAsync(root, Path.Combine(scratch.FullName, $"servers-{run}")));
        Console.WriteLine($"run {run}/{runs}: ./platform up (AppHost to all Healthy) …");
        startup.Add(await StartupBenchmark.AppHostAsync(root, Path.Combine(scratch.FullName, $"apphost-{run}")));
    }

    var up = Median(startup);
    var floor = Median(baseline);
    Console.WriteLine();
    Console.WriteLine($"servers only (baseline)   median {floor.TotalSeconds,6:0.0} s   runs: {string.Join(", ", baseline.Select(t => $"{t.TotalSeconds:0.0}"))}");
    Console.WriteLine($"apphost to all Healthy    median {up.TotalSeconds,6:0.0} s   runs: {string.Join(", ", startup.Select(t => $"{t.TotalSeconds:0.0}"))}");
    Console.WriteLine($"ratio apphost / baseline  {up / floor:0.00}x");
    Console.WriteLine($"target                    45.0 s: {(up.TotalSeconds < 45 ? "met" : "MISSED")}");
    return up.TotalSeconds < 45 ? 0 : 1;
}
finally
{
    scratch.Delete(recursive: true);
}

static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);
