namespace Platform.Observability.Apis.DeadLetters;

/// <summary>Outcome of a batch retry: ids re-published, and those that could not be (still unresolved).</summary>
public sealed record RetryResult(IReadOnlyList<long> Retried, IReadOnlyList<long> Failed);
