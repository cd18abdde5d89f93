using Platform.Prediction.Scoring.Scoring;

namespace Platform.Prediction.Predictions;

/// <summary>
/// What became of every row, by its index in the request: scored (<see cref="Results"/>), refused
/// for bad input (<see cref="Errors"/>, never charged), or not scored because the tenant's quota
/// ran out (<see cref="QuotaRefusedRows"/>, never charged).
/// </summary>
public sealed record BatchPredictionResponse(
    Guid BatchId,
    string Model,
    int ModelVersion,
    bool Degraded,
    int Scored,
    IReadOnlyList<BatchRowResult> Results,
    IReadOnlyList<BatchRowError> Errors,
    IReadOnlyList<int> QuotaRefusedRows);

public sealed record BatchRowResult(int Row, Guid Id, string PatientId, double Risk, RiskLevel Level, IReadOnlyList<FactorContribution> TopFactors);

public sealed record BatchRowError(int Row, string Field, string Message);
