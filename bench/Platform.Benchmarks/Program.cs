using Platform.Benchmarks;
using Platform.Benchmarks.Gateway;
using Platform.Benchmarks.Messaging;
using Platform.Benchmarks.Prediction;
using Platform.Benchmarks.Scoring;
using Platform.LocalInfra;

// ./platform bench [startup|messaging|gateway|scoring|prediction] [runs]: each benchmark prints its numbers against a
// baseline measured in the same run on the same machine, and exits non-zero if a target is missed.
var which = args.Length > 0 && !int.TryParse(args[0], out _) ? args[0] : "all";
var runs = args.Select(a => int.TryParse(a, out var n) ? n : 0).FirstOrDefault(n => n > 0, 3);
if (which is not ("all" or "startup" or "messaging" or "gateway" or "scoring" or "prediction"))
{
    Console.Error.WriteLine($"unknown benchmark '{which}': use startup, messaging, gateway, scoring, prediction, or nothing for all");
    return 2;
}

var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory);
var scratch = Directory.CreateTempSubdirectory("platform-bench-");
try
{
    var met = true;
    if (which is "all" or "messaging") met &= await MessagingBenchmark.RunAsync(root, Path.Combine(scratch.FullName, "messaging"));
    if (which is "all" or "startup") met &= await StartupBenchmark.RunAsync(root, scratch.FullName, runs);
    if (which is "all" or "scoring") met &= ScoringBenchmark.Run(root);
    if (which is "all" or "prediction") met &= await PredictionBenchmark.RunAsync(root, Path.Combine(scratch.FullName, "prediction"));
    if (which is "all" or "gateway") met &= await GatewayBenchmark.RunAsync(root, Path.Combine(scratch.FullName, "gateway"));
    return met ? 0 : 1;
}
finally
{
    scratch.Delete(recursive: true);
}
