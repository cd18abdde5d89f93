namespace Platform.Observability.DeadLetters;

public static class DeadLetterResolutions
{
    public const string Retried = "retried";
    public const string Discarded = "discarded";
}
