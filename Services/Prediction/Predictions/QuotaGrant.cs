namespace Platform.Prediction.Predictions;

/// <summary>Tenancy's answer to a quota request: the units granted and when the period's quota resets, or its refusal.</summary>
public sealed record QuotaGrant(int Granted, DateTimeOffset? ResetAt, QuotaRefusal? Refusal);
