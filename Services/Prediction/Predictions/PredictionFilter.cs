namespace Platform.Prediction.Predictions;

/// <summary>
/// The query of <c>GET /v1/predictions</c>: every condition optional, newest first, at most
/// <see cref="Limit"/> per page, the next page from <see cref="Cursor"/>.
/// </summary>
public sealed record PredictionFilter(
    string? PatientId,
    string? Level,
    string? Model,
    int? Version,
    bool? Degraded,
    bool? HasOutcome,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int? Limit,
    string? Cursor);
