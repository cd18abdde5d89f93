using System.Globalization;
using System.Text.Json;
using Platform.Prediction.Scoring.Artifacts;
using Platform.Prediction.Scoring.Training;
using Platform.Prediction.Training;

// Usage:
//   generate --rows N --seed S --out cohort.csv
//   train --data cohort.csv --features features.json --name iit-risk --version 1 --out model.json [--l2 1] [--holdout 0.25] [--seed 1] [--description TEXT]
var options = TrainingArguments.Parse(args);
switch (args.FirstOrDefault())
{
    case "generate":
        var rows = options.Int("rows", 10_000);
        await using (var file = new StreamWriter(options.Required("out")))
            new SyntheticCohort(options.Int("seed", 20261202)).WriteCsv(file, rows);
        Console.WriteLine($"wrote {rows:N0} SYNTHETIC patients to {options.Required("out")}");
        return 0;
    case "train":
        var features = JsonSerializer.Deserialize<List<FeatureSpec>>(await File.ReadAllTextAsync(options.Required("features")), ModelArtifactJson.Options)
            ?? throw new InvalidDataException("the features file holds null");
        Console.WriteLine($"training {options.Required("name")} v{options.Int("version", 1)} from {options.Required("data")} …");
        var report = ModelTrainer.Train(features, await File.ReadAllTextAsync(options.Required("data")),
            new TrainingSettings(options.Required("name"), options.Int("version", 1), options.Double("l2", 1.0), options.Double("holdout", 0.25), options.Int("seed", 1), Description: options.Optional("description")),
            TimeProvider.System);
        await File.WriteAllTextAsync(options.Required("out"), ModelArtifactJson.Write(report.Artifact) + "\n");
        var training = report.Artifact.Training;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fitted on {report.TrainRows:N0} rows in {report.Iterations} IRLS steps; held out {report.HeldOutRows:N0}: AUC {training.Auc:0.0000}, Brier {training.Brier:0.0000}"));
        Console.WriteLine("calibration (predicted → observed):");
        foreach (var bin in training.Calibration)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bin.From:0.0}–{bin.To:0.0}  n={bin.Count,6}  {bin.MeanPredicted:0.000} → {bin.Observed:0.000}"));
        Console.WriteLine($"wrote {options.Required("out")}");
        return 0;
    default:
        Console.Error.WriteLine("usage: generate --rows N --seed S --out FILE | train --data CSV --features JSON --name NAME --version N --out FILE [--l2 X] [--holdout X] [--seed N]");
        return 2;
}
