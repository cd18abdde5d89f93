using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Prediction.Predictions;

/// <summary>
/// Source-generated JSON for the batch answer (<see cref="BufferedJsonOk{T}"/>): the
/// reflection-driven serializer spent ~5 ms of a 1,000-row batch on it. Same settings as ASP.NET
/// Core's (web defaults), so the document does not change.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BatchPredictionResponse))]
internal sealed partial class PredictionJsonContext : JsonSerializerContext;
