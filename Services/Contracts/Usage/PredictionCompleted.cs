namespace Platform.Contracts.Usage;

/// <summary>A scoring request finished: <paramref name="Rows"/> rows scored (billed as inference).</summary>
public sealed record PredictionCompleted(string TenantId, Guid PredictionId, string ModelVersion, int Rows, DateTimeOffset CompletedAt) : ITenantMessage;
