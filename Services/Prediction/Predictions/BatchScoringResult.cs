using Platform.Prediction.Models;

namespace Platform.Prediction.Predictions;

/// <summary>
/// What became of a batch's rows: scored (<see cref="Results"/>, by <see cref="Scored"/>'s model),
/// refused for bad input (<see cref="Errors"/>), or not scored for want of quota
/// (<see cref="QuotaRefusedRows"/>; with <see cref="Refusal"/> when tenancy granted none at all).
/// </summary>
public sealed record BatchScoringResult(
    Guid BatchId,
    ScoredRows? Scored,
    IReadOnlyList<BatchRowResult> Results,
    IReadOnlyList<BatchRowError> Errors,
    IReadOnlyList<int> QuotaRefusedRows,
    QuotaRefusal? Refusal);
