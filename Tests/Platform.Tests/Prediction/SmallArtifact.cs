using Platform.Prediction.Scoring.Artifacts;

namespace Platform.Tests.Prediction;

/// <summary>A four-feature artifact small enough to score by hand (see RiskModelTests).</summary>
internal static class SmallArtifact
{
    public static ModelArtifact Create() => new()
    {
        Format = ModelArtifact.CurrentFormat,
        Name = "iit-risk",
        Version = 1,
        Features =
        [
            new FeatureSpec { Name = "age", Type = FeatureType.Number, Unit = "years", Min = 0, Max = 120 },
            new FeatureSpec { Name = "missed_appointments", Type = FeatureType.Number, Min = 0, Max = 50, Required = false, Impute = "0" },
            new FeatureSpec { Name = "recent_hospitalisation", Type = FeatureType.Boolean },
            new FeatureSpec { Name = "regimen", Type = FeatureType.Category, Categories = ["first-line", "second-line", "third-line"] },
        ],
        Preprocessing =
        [
            new PreprocessingStep { Feature = "age", Kind = PreprocessingStep.Standardise, Mean = 40, StandardDeviation = 10 },
            new PreprocessingStep { Feature = "regimen", Kind = PreprocessingStep.OneHot },
        ],
        Coefficients = new Dictionary<string, double>
        {
            ["age"] = 0.5,
            ["missed_appointments"] = 0.3,
            ["recent_hospitalisation"] = 1.2,
            ["regimen=second-line"] = 0.4,
            ["regimen=third-line"] = 0.9,
        },
        Intercept = -2,
        Thresholds = new RiskThresholds(0.2, 0.5, 0.8),
        Training = new TrainingMetadata
        {
            DataSha256 = new string('a', 64),
            TrainedAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            Samples = 1000,
            Auc = 0.8,
            Brier = 0.15,
        },
    };
}
