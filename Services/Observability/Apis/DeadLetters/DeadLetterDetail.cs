namespace Platform.Observability.Apis.DeadLetters;

/// <summary>One dead letter with its stack trace, headers and body (UTF-8 text, or base64 when it is not text).</summary>
public sealed record DeadLetterDetail(
    DeadLetterSummary Message,
    string? StackTrace,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string BodyEncoding,
    string Body,
    int BodySize);
