namespace Platform.Observability.Apis.DeadLetters;

public sealed record DeadLetterPage(IReadOnlyList<DeadLetterSummary> Items, int Page, int PageSize, int Total);
