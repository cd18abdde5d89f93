namespace Platform.Contracts;

/// <summary>Message kinds with their own delayed-redelivery policy (configured under <c>Messaging:Redelivery</c>).</summary>
public static class MessageKinds
{
    public const string BatchPrediction = "batch-prediction";
    public const string Notification = "notification";
    public const string ReportGeneration = "report-generation";
    public const string Cleanup = "cleanup";
}
