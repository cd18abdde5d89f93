namespace Platform.Tenancy.Quotas;

public static class QuotaMetrics
{
    public const string Predictions = "predictions";
}
