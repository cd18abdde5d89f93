using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Prediction.Predictions;

/// <summary>
/// Source-generated JSON for the scoring bodies, read and written on every request: the
/// reflection-driven serializer spent ~5 ms of a 1,000-row batch on its response alone. Same
/// settings as ASP.NET Core's (web defaults), so the documents do not change.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PredictionRequest))]
[JsonSerializable(typeof(PredictionResponse))]
[JsonSerializable(typeof(BatchPredictionRequest))]
[JsonSerializable(typeof(BatchPredictionResponse))]
internal sealed partial class PredictionJsonContext : JsonSerializerContext;
