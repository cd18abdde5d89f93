using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Prediction.Scoring.Artifacts;
using Platform.Prediction.Scoring.Scoring;

namespace Platform.Prediction.Scoring.Training;

/// <summary>
/// CSV in, artifact out: a header row naming the features and the outcome column (0/1), one
/// patient per row. Rows are shuffled with the settings' seed and split; numbers and booleans are
/// standardised with the training split's mean and standard deviation, categories one-hot
/// encoded; the fit's quality is measured on the held-out rows only.
/// </summary>
public static class ModelTrainer
{
    public static TrainingReport Train(IReadOnlyList<FeatureSpec> features, string csv, TrainingSettings settings, TimeProvider time)
    {
        var (rows, outcomes) = Parse(features, csv, settings.Outcome);
        var order = Enumerable.Range(0, rows.Count).ToArray();
        new Random(settings.Seed).Shuffle(order);
        var heldOut = (int)Math.Round(rows.Count * settings.HoldOut);
        var (testIndex, trainIndex) = (order[..heldOut], order[heldOut..]);
        if (trainIndex.Length < 10 || testIndex.Length < 10) throw new ArgumentException($"{rows.Count} rows are too few to train and evaluate on");

        // Inputs: one per number or boolean, one per category after the first.
        var standardise = features.Select((f, j) => f.Type == FeatureType.Category ? null : Statistics(trainIndex.Select(i => rows[i][j]))).ToArray();
        double[] Inputs(double[] row) =>
        [
            .. features.SelectMany((f, j) => f.Type == FeatureType.Category
                ? f.Categories!.Skip(1).Select((_, c) => row[j] == c + 1 ? 1d : 0d)
                : [(row[j] - standardise[j]!.Value.Mean) / standardise[j]!.Value.Sd]),
        ];
        var fit = LogisticRegression.Fit([.. trainIndex.Select(i => Inputs(rows[i]))], [.. trainIndex.Select(i => outcomes[i])], settings.L2);
        if (!fit.Converged) throw new InvalidOperationException($"the fit did not converge in {fit.Iterations} iterations");

        var names = features.SelectMany(f => f.Type == FeatureType.Category ? f.Categories!.Skip(1).Select(c => f.Name + "=" + c) : [f.Name]).ToArray();
        var draft = new ModelArtifact
        {
            Format = ModelArtifact.CurrentFormat,
            Name = settings.Name,
            Version = settings.Version,
            Description = settings.Description,
            Features = features,
            Preprocessing =
            [
                .. features.Select((f, j) => f.Type == FeatureType.Category
                    ? new PreprocessingStep { Feature = f.Name, Kind = PreprocessingStep.OneHot }
                    : new PreprocessingStep { Feature = f.Name, Kind = PreprocessingStep.Standardise, Mean = Round(standardise[j]!.Value.Mean), StandardDeviation = Round(standardise[j]!.Value.Sd) }),
            ],
            Coefficients = names.Select((n, i) => (n, Round(fit.Coefficients[i]))).ToDictionary(x => x.n, x => x.Item2, StringComparer.Ordinal),
            Intercept = Round(fit.Intercept),
            Thresholds = new RiskThresholds(0.2, 0.4, 0.7),
            Training = new TrainingMetadata { DataSha256 = Sha256(csv), TrainedAt = time.GetUtcNow(), Samples = rows.Count, Auc = 0, Brier = 0, L2 = settings.L2 },
        };

        // Evaluated with the artifact as written (rounded), exactly as it will serve.
        var model = RiskModel.Compile(draft);
        var matrix = new FeatureMatrix(testIndex.Length, features.Count);
        for (var r = 0; r < testIndex.Length; r++) for (var j = 0; j < features.Count; j++) matrix[r, j] = rows[testIndex[r]][j];
        var risks = new double[testIndex.Length];
        model.Score(matrix, risks);
        var observed = testIndex.Select(i => outcomes[i]).ToArray();
        var artifact = draft with
        {
            Training = draft.Training with
            {
                Auc = Math.Round(ClassifierMetrics.Auc(risks, observed), 4),
                Brier = Math.Round(ClassifierMetrics.Brier(risks, observed), 4),
                Calibration = [.. ClassifierMetrics.Calibration(risks, observed).Select(b => b with { MeanPredicted = Math.Round(b.MeanPredicted, 4), Observed = Math.Round(b.Observed, 4) })],
            },
        };
        return new TrainingReport(artifact, trainIndex.Length, testIndex.Length, fit.Iterations);
    }

    private static (List<double[]> Rows, List<int> Outcomes) Parse(IReadOnlyList<FeatureSpec> features, string csv, string outcome)
    {
        using var reader = new StringReader(csv);
        var header = (reader.ReadLine() ?? throw new ArgumentException("the CSV is empty")).Split(',');
        var columns = features.Select(f => Array.IndexOf(header, f.Name)).ToArray();
        var missing = features.Where((f, j) => columns[j] < 0).Select(f => f.Name).ToList();
        var outcomeColumn = Array.IndexOf(header, outcome);
        if (outcomeColumn < 0) missing.Add(outcome);
        if (missing.Count > 0) throw new ArgumentException("the CSV has no column for " + string.Join(", ", missing));

        var rows = new List<double[]>();
        var outcomes = new List<int>();
        var line = 1;
        for (var text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (text.Length == 0) continue;
            var cells = text.Split(',');
            if (cells.Length != header.Length) throw new FormatException($"line {line}: {cells.Length} cells, the header has {header.Length}");
            var row = new double[features.Count];
            for (var j = 0; j < features.Count; j++) row[j] = Cell(features[j], cells[columns[j]], line);
            rows.Add(row);
            outcomes.Add(cells[outcomeColumn] switch { "1" => 1, "0" => 0, var other => throw new FormatException($"line {line}: {outcome} is '{other}', not 0 or 1") });
        }
        return (rows, outcomes);
    }

    private static double Cell(FeatureSpec feature, string cell, int line)
    {
        switch (feature.Type)
        {
            case FeatureType.Category:
                var index = feature.CategoryIndex(cell);
                return index >= 0 ? index : throw new FormatException($"line {line}: {feature.Name} '{cell}' is not one of its categories");
            case FeatureType.Boolean:
                return cell is "1" or "true" ? 1 : cell is "0" or "false" ? 0 : throw new FormatException($"line {line}: {feature.Name} '{cell}' is not a boolean");
            default:
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                    throw new FormatException($"line {line}: {feature.Name} '{cell}' is not a number");
                if (!feature.InRange(value))
                    throw new FormatException($"line {line}: {feature.Name} {value} is outside its valid range");
                return value;
        }
    }

    private static (double Mean, double Sd)? Statistics(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        var sd = Math.Sqrt(list.Average(v => (v - mean) * (v - mean)));
        // A constant column carries nothing to learn; a unit sd keeps it harmless instead of dividing by zero.
        return (mean, sd > 0 ? sd : 1);
    }

    private static double Round(double value) => Math.Round(value, 6);

    private static string Sha256(string csv) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv)));
}
