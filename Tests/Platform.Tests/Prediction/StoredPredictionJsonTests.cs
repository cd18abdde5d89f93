using System.Text.Json;
using Platform.Prediction.Predictions;
using Platform.Prediction.Scoring.Scoring;

namespace Platform.Tests.Prediction;

/// <summary>The stored JSON columns are written by hand for speed: they must be what the serializer writes, to the character.</summary>
public sealed class StoredPredictionJsonTests
{
    [Fact]
    public void Features_and_factors_are_the_serializers_documents_for_any_values()
    {
        var model = RiskModel.Compile(SmallArtifact.Create());
        var random = new Random(7);
        var values = new[] { 0.0, -0.0, 1e-7, 0.1 + 0.2, -123.456, 1e15, 5e-324, 2, 40 };
        var rows = new FeatureMatrix(200, model.Features.Count);
        for (var r = 0; r < rows.Rows; r++)
            for (var f = 0; f < rows.Features; f++)
                rows[r, f] = model.Features[f].Categories is { } categories ? r % categories.Count // a category's index
                    : r < values.Length ? values[r] : random.NextDouble() * 200 - 100;

        for (var r = 0; r < rows.Rows; r++)
        {
            var byName = model.Features.Select((f, j) => (f.Name, Value: rows[r, j])).ToDictionary(x => x.Name, x => x.Value);
            Assert.Equal(JsonSerializer.Serialize(byName), StoredPredictionJson.Features(model, rows, r));
            var factors = model.Explain(rows, r).Factors;
            var written = StoredPredictionJson.Factors(factors);
            Assert.Equal(JsonSerializer.Serialize(factors, JsonSerializerOptions.Web), written);
            Assert.Equal(factors, JsonSerializer.Deserialize<List<FactorContribution>>(written, JsonSerializerOptions.Web));
        }
    }
}
