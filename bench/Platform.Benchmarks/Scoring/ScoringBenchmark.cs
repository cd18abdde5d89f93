using System.Diagnostics;
using System.Globalization;
using Platform.Prediction.Scoring.Artifacts;
using Platform.Prediction.Scoring.Scoring;
using Platform.Prediction.Scoring.Training;

namespace Platform.Benchmarks.Scoring;

/// <summary>
/// In-process scoring of the shipped model on one thread: the compiled, vectorised batch path
/// against a naive loop that scores row by row straight from the artifact (dictionary lookups,
/// standardisation and exp per row), both on the same synthetic rows in the same run.
/// </summary>
public static class ScoringBenchmark
{
    private const int Rows = 1_000_000;
    private const int Runs = 5;

    public static bool Run(string root)
    {
        var path = Path.Combine(root, "Services/Prediction/Models/iit-risk.v1.json");
        var model = RiskModel.Compile(ModelArtifactJson.Read(File.ReadAllText(path), path));
        Console.WriteLine($"scoring: {model.Name} v{model.Version}, {Rows:N0} synthetic rows, one thread, median of {Runs} …");
        var (features, _, _) = new SyntheticCohort(seed: 7).Generate(Rows);
        var matrix = new FeatureMatrix(Rows, model.Features.Count);
        for (var r = 0; r < Rows; r++) for (var f = 0; f < model.Features.Count; f++) matrix[r, f] = features[r][f];
        var risks = new double[Rows];
        var naive = new double[Rows];

        var vectorised = Median(() => model.Score(matrix, risks));
        var loop = Median(() => NaiveScore(model.Artifact, features, naive));
        var largestDifference = risks.Zip(naive, (a, b) => Math.Abs(a - b)).Max();

        var perSecond = Rows / vectorised.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  vectorised batch   {perSecond,14:N0} rows/s ({vectorised.TotalMilliseconds:0.0} ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  naive per-row loop {Rows / loop.TotalSeconds,14:N0} rows/s ({loop.TotalMilliseconds:0.0} ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  vectorised / naive {loop / vectorised,14:0.0}x; largest difference between them {largestDifference:E1}"));
        var met = perSecond >= 1_000_000 && largestDifference < 1e-9;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target in-process scoring >= 1,000,000 rows/s on one core ({perSecond:N0}): {(met ? "met" : "MISSED")}"));
        return met;
    }

    // The obvious implementation: every row looks its coefficients and statistics up by name.
    private static void NaiveScore(ModelArtifact artifact, double[][] rows, double[] risks)
    {
        for (var r = 0; r < rows.Length; r++)
        {
            var logit = artifact.Intercept;
            for (var f = 0; f < artifact.Features.Count; f++)
            {
                var feature = artifact.Features[f];
                var step = artifact.Preprocessing.FirstOrDefault(p => p.Feature == feature.Name);
                var value = step?.Kind == PreprocessingStep.Standardise ? (rows[r][f] - step.Mean!.Value) / step.StandardDeviation!.Value : rows[r][f];
                logit += artifact.Coefficients[feature.Name] * value;
            }
            risks[r] = 1 / (1 + Math.Exp(-logit));
        }
    }

    private static TimeSpan Median(Action run)
    {
        run(); // warm-up: JIT tiers
        var times = new List<TimeSpan>();
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            times.Add(clock.Elapsed);
        }
        return times.Order().ElementAt(Runs / 2);
    }
}
