namespace Platform.Observability.Apis.DeadLetters;

public sealed record DiscardRequest(string? Note);
