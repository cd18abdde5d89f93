namespace Platform.ServiceDefaults.Resilience;

/// <summary>The platform's named breakers, each with a default in <see cref="CircuitBreakerOptions"/>.</summary>
public static class CircuitBreakerNames
{
    /// <summary>The service's own PostgreSQL database (outbox dispatch, idempotent consumers).</summary>
    public const string Database = "database";

    /// <summary>External notification channels (e-mail, SMS, webhooks).</summary>
    public const string NotificationChannel = "notification-channel";

    /// <summary>Risk model scoring.</summary>
    public const string ModelScoring = "model-scoring";
}
