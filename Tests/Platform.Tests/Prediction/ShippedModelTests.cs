using Platform.Prediction.Scoring.Artifacts;
using Platform.Prediction.Scoring.Scoring;
using Platform.Prediction.Scoring.Training;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Prediction;

/// <summary>The shipped synthetic data and model are what the documented commands produce, and the model is usable.</summary>
public sealed class ShippedModelTests(PlatformServers servers)
{
    private string Models => Path.Combine(servers.RepositoryRoot, "Services/Prediction/Models");

    [Fact]
    public void The_shipped_cohort_is_the_generators_output_and_the_shipped_model_is_trained_from_it()
    {
        var csv = File.ReadAllText(Path.Combine(Models, "synthetic-cohort.csv"));
        using (var regenerated = new StringWriter())
        {
            new SyntheticCohort(seed: 20261202).WriteCsv(regenerated, 10_000);
            Assert.Equal(regenerated.ToString(), csv);
        }

        var shipped = ModelArtifactJson.Read(File.ReadAllText(Path.Combine(Models, "iit-risk.v1.json")), "iit-risk.v1.json");
        var retrained = ModelTrainer.Train(Features(), csv, new TrainingSettings("iit-risk", 1, Description: shipped.Description), new FixedTime(shipped.Training.TrainedAt));
        Assert.Equal(ModelArtifactJson.Write(shipped), ModelArtifactJson.Write(retrained.Artifact));

        var model = RiskModel.Compile(shipped);
        Assert.InRange(shipped.Training.Auc, 0.70, 0.95);
        Assert.Equal(10_000, shipped.Training.Samples);
        Assert.Equal(2_500, shipped.Training.Calibration.Sum(b => b.Count));
        Assert.All(shipped.Training.Calibration.Where(b => b.Count >= 200), b => Assert.InRange(b.Observed - b.MeanPredicted, -0.06, 0.06));
        // The signs the generator was built with survive the fit (per sd, so comparable).
        for (var j = 0; j < SyntheticCohort.FeatureNames.Count; j++)
            Assert.Equal(Math.Sign(SyntheticCohort.TrueCoefficients[j]), Math.Sign(shipped.Coefficients[SyntheticCohort.FeatureNames[j]]));
        Assert.Equal("iit-risk", model.Name);
        Assert.Contains("SYNTHETIC", shipped.Description);
    }

    [Fact]
    public void Training_data_that_cannot_be_used_is_refused_naming_the_column_or_line()
    {
        const string header = "age,months_on_treatment,missed_appointments_6m,last_viral_load_log10,adherence_pct,distance_km,recent_hospitalisation";
        var settings = new TrainingSettings("iit-risk", 1);
        var missing = Assert.Throws<ArgumentException>(() => ModelTrainer.Train(Features(), header + "\n", settings, TimeProvider.System));
        Assert.Contains("no column for interrupted", missing.Message);

        var rows = string.Join('\n', Enumerable.Range(0, 50).Select(i => $"{30 + i % 40},12,1,2.5,90,5,0,{i % 2}"));
        var outOfRange = Assert.Throws<FormatException>(() => ModelTrainer.Train(Features(), $"{header},interrupted\n{rows}\n95,12,1,2.5,90,5,0,1\n", settings, TimeProvider.System));
        Assert.Equal("line 52: age 95 is outside its valid range", outOfRange.Message);
        var badOutcome = Assert.Throws<FormatException>(() => ModelTrainer.Train(Features(), $"{header},interrupted\n30,12,1,2.5,90,5,0,yes\n", settings, TimeProvider.System));
        Assert.Equal("line 2: interrupted is 'yes', not 0 or 1", badOutcome.Message);
    }

    private List<FeatureSpec> Features() =>
        System.Text.Json.JsonSerializer.Deserialize<List<FeatureSpec>>(File.ReadAllText(Path.Combine(Models, "iit-risk.features.json")), ModelArtifactJson.Options)!;

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
