using Platform.ServiceDefaults.Messaging.Reliable;
using Microsoft.EntityFrameworkCore;
using Platform.Observability.DeadLetters;
using Platform.Observability.Instances;

namespace Platform.Observability.Data;

/// <summary>The observability service's own database; no other service reads it.</summary>
public sealed class ObservabilityDbContext(DbContextOptions<ObservabilityDbContext> options) : DbContext(options)
{
    public const string Schema = "observability";

    public DbSet<ServiceInstance> ServiceInstances => Set<ServiceInstance>();

    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();

    public DbSet<DeadLetterSource> DeadLetterSources => Set<DeadLetterSource>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // A schema per service keeps the tables apart even where an operator puts several
        // services in one physical database.
        modelBuilder.HasDefaultSchema(Schema);
        // Outbox and inbox tables: events commit with the data that caused them.
        modelBuilder.AddReliableMessaging();
        modelBuilder.ApplyConfiguration(new ServiceInstanceConfiguration());
        modelBuilder.ApplyConfiguration<DeadLetter>(new DeadLetterConfiguration());
        modelBuilder.ApplyConfiguration<DeadLetterSource>(new DeadLetterConfiguration());
    }
}
