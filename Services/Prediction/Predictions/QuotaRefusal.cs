using System.Net;
using System.Text.Json;

namespace Platform.Prediction.Predictions;

/// <summary>Tenancy's answer when no unit was granted: its status, problem document and Retry-After, passed on unchanged.</summary>
public sealed record QuotaRefusal(HttpStatusCode Status, JsonElement Problem, string? RetryAfter);
