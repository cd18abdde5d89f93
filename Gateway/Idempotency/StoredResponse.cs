namespace Platform.Gateway.Idempotency;

/// <summary>What a completed request answered, kept to be replayed byte for byte.</summary>
public sealed record StoredResponse(int Status, Dictionary<string, string[]> Headers, byte[] Body, string Date);
