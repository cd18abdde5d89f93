using Platform.ServiceDefaults.Messaging.Reliable;
using Microsoft.EntityFrameworkCore;

namespace Platform.Alerting.Data;

/// <summary>The alerting service's own database; no other service reads it.</summary>
public sealed class AlertingDbContext(DbContextOptions<AlertingDbContext> options) : DbContext(options)
{
    public const string Schema = "alerting";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // A schema per service keeps the tables apart even where an operator puts several
        // services in one physical database.
        modelBuilder.HasDefaultSchema(Schema);
        // Outbox and inbox tables: events commit with the data that caused them.
        modelBuilder.AddReliableMessaging();
    }
}
