namespace Platform.Observability.Apis.DeadLetters;

public sealed record DeadLetterCount(string Key, int Total, int Unresolved);
