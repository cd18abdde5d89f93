using System.Text.Json;
using Platform.Prediction.Scoring.Artifacts;
using Platform.Prediction.Scoring.Scoring;

namespace Platform.Tests.Prediction;

/// <summary>Scoring, explanations, input validation and artifact validation, against values worked out by hand.</summary>
public sealed class RiskModelTests
{
    private static readonly RiskModel Model = RiskModel.Compile(SmallArtifact.Create());

    // logit = -2 + 0.5·(60−40)/10 + 0.3·2 + 1.2·1 + 0.9 (third-line) = 1.7
    private const string HighRow = """{"age": 60, "missed_appointments": 2, "recent_hospitalisation": true, "regimen": "third-line"}""";

    // logit = -2 + 0.5·(30−40)/10 + 0.3·0 (imputed) + 0 + 0 (first-line, the baseline) = -2.5
    private const string LowRow = """{"age": 30, "recent_hospitalisation": false, "regimen": "first-line"}""";

    [Fact]
    public void Scores_levels_and_explanations_match_the_hand_computed_values()
    {
        var (rows, errors) = Read(HighRow, LowRow);
        Assert.Empty(errors);
        var risks = new double[2];
        Model.Score(rows, risks);

        Assert.Equal(1 / (1 + Math.Exp(-1.7)), risks[0], 12);
        Assert.Equal(1 / (1 + Math.Exp(2.5)), risks[1], 12);
        Assert.Equal(0.8455347349164652, risks[0], 12);
        Assert.Equal(0.07585818002124355, risks[1], 12);
        Assert.Equal(RiskLevel.Critical, Model.LevelOf(risks[0]));
        Assert.Equal(RiskLevel.Low, Model.LevelOf(risks[1]));

        var high = Model.Explain(rows, 0);
        Assert.Equal(1.7, high.Logit, 12);
        Assert.Equal(-2, high.Baseline);
        Assert.Equal(
            [("recent_hospitalisation", 1.2), ("age", 1.0), ("regimen", 0.9), ("missed_appointments", 0.6)],
            high.Top(4).Select(f => (f.Feature, Math.Round(f.Contribution, 12))));
        var low = Model.Explain(rows, 1);
        Assert.Equal(-2.5, low.Logit, 12);
        Assert.Equal(("age", -0.5), low.Top(1).Select(f => (f.Feature, Math.Round(f.Contribution, 12))).Single());
    }

    [Fact]
    public void The_vectorised_batch_equals_the_row_by_row_sum_of_contributions()
    {
        var random = new Random(7);
        const int count = 10_003; // not a multiple of any vector width
        var rows = new FeatureMatrix(count, 4);
        for (var r = 0; r < count; r++)
        {
            rows[r, 0] = random.Next(0, 121);
            rows[r, 1] = random.Next(0, 51);
            rows[r, 2] = random.Next(0, 2);
            rows[r, 3] = random.Next(0, 3);
        }
        var risks = new double[count];
        Model.Score(rows, risks);
        for (var r = 0; r < count; r++)
        {
            var explanation = Model.Explain(rows, r);
            // The contributions add up to the logit the batch scored.
            Assert.Equal(explanation.Logit, explanation.Baseline + explanation.Factors.Sum(f => f.Contribution), 10);
            Assert.Equal(RiskModel.Sigmoid(explanation.Logit), risks[r], 12);
        }
    }

    [Fact]
    public void Every_bad_input_is_an_error_naming_the_row_and_field()
    {
        var (_, errors) = Read(
            """{"age": 130, "recent_hospitalisation": true, "regimen": "first-line"}""",
            """{"age": "40", "recent_hospitalisation": "yes", "regimen": "fourth-line"}""",
            """{"age": 40, "recent_hospitalisation": false, "regimen": "first-line", "weight": 70}""",
            """{"recent_hospitalisation": false, "regimen": "first-line", "missed_appointments": -1}""",
            """{"age": "NaN", "recent_hospitalisation": false, "regimen": "first-line"}""",
            """[1, 2, 3]""");

        Assert.Equal(
            [
                (0, "age", "must be between 0 and 120"),
                (1, "age", "must be a finite number (years)"),
                (1, "recent_hospitalisation", "must be true or false"),
                (1, "regimen", "must be one of first-line, second-line, third-line"),
                (2, "weight", "is not a feature of model iit-risk"),
                (3, "missed_appointments", "must be between 0 and 50"),
                (3, "age", "is required"),
                (4, "age", "must be a finite number (years)"),
                (5, "features", "must be an object of feature name to value"),
            ],
            errors.Select(e => (e.Row, e.Field, e.Message)));
    }

    public static TheoryData<string, Func<ModelArtifact, ModelArtifact>> BadArtifacts => new()
    {
        { "format is 'platform.risk-model/0'", a => a with { Format = "platform.risk-model/0" } },
        { "feature 'age': standardise needs a positive, finite standardDeviation", a => a with { Preprocessing = [a.Preprocessing[0] with { StandardDeviation = 0 }, a.Preprocessing[1]] } },
        { "no coefficient for 'regimen=third-line'", a => a with { Coefficients = a.Coefficients.Where(c => c.Key != "regimen=third-line").ToDictionary() } },
        { "coefficient 'weight' matches no feature input", a => a with { Coefficients = new Dictionary<string, double>(a.Coefficients) { ["weight"] = 1 } } },
        { "coefficient 'age' is not a finite number", a => a with { Coefficients = new Dictionary<string, double>(a.Coefficients) { ["age"] = double.NaN } } },
        { "thresholds must rise strictly", a => a with { Thresholds = new RiskThresholds(0.5, 0.5, 0.8) } },
        { "feature 'regimen': a category feature needs a one-hot step", a => a with { Preprocessing = [a.Preprocessing[0]] } },
        { "feature 'recent_hospitalisation' is optional but has no impute value", a => a with { Features = [a.Features[0], a.Features[1], a.Features[2] with { Required = false }, a.Features[3]] } },
        { "feature 'age' appears twice", a => a with { Features = [.. a.Features, a.Features[0]] } },
        { "feature 'missed_appointments': impute 60 is outside its valid range", a => a with { Features = [a.Features[0], a.Features[1] with { Impute = "60" }, a.Features[2], a.Features[3]] } },
        { "training.dataSha256 must be 64 hex digits", a => a with { Training = a.Training with { DataSha256 = "abc" } } },
    };

    [Theory]
    [MemberData(nameof(BadArtifacts))]
    public void An_invalid_artifact_is_refused_at_load_with_its_reason(string reason, Func<ModelArtifact, ModelArtifact> spoil)
    {
        var error = Assert.Throws<InvalidArtifactException>(() => RiskModel.Compile(spoil(SmallArtifact.Create())));
        Assert.Contains(error.Reasons, r => r.StartsWith(reason, StringComparison.Ordinal));
        Assert.Contains("iit-risk v1", error.Message);
    }

    [Fact]
    public void Every_defect_is_reported_at_once_and_json_reads_back_what_was_written()
    {
        var broken = SmallArtifact.Create() with { Intercept = double.PositiveInfinity, Version = 0 };
        var error = Assert.Throws<InvalidArtifactException>(() => RiskModel.Compile(broken));
        Assert.Equal(["version 0 is below 1", "intercept is not a finite number"], error.Reasons);

        var json = ModelArtifactJson.Write(SmallArtifact.Create());
        var read = RiskModel.Compile(ModelArtifactJson.Read(json, "small.json"));
        var (rows, _) = Read(HighRow);
        var risks = new double[1];
        read.Score(rows, risks);
        Assert.Equal(0.8455347349164652, risks[0], 12);
        Assert.Contains("\"standardDeviation\": 10", json);

        var unknown = Assert.Throws<InvalidArtifactException>(() => ModelArtifactJson.Read(json.Replace("\"intercept\"", "\"bias\": 1, \"intercept\""), "small.json"));
        Assert.Contains("bias", unknown.Message);
    }

    private static (FeatureMatrix Rows, List<FeatureError> Errors) Read(params string[] rows)
    {
        var reader = new FeatureRowReader(Model);
        var matrix = new FeatureMatrix(rows.Length, Model.Features.Count);
        var errors = new List<FeatureError>();
        for (var r = 0; r < rows.Length; r++)
        {
            using var document = JsonDocument.Parse(rows[r]);
            reader.TryRead(document.RootElement, r, matrix, r, errors);
        }
        return (matrix, errors);
    }
}
