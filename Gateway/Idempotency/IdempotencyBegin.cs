namespace Platform.Gateway.Idempotency;

/// <summary>What the key's record said when a request arrived with it.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The key is this request's now: process it.</summary>
    New,

    /// <summary>Another request with the key is still being processed.</summary>
    Conflict,

    /// <summary>The key was used for a request with another method, path or body.</summary>
    Mismatch,

    /// <summary>The key's request completed: answer with its response.</summary>
    Replay,
}
