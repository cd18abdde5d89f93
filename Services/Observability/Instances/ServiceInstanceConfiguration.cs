using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Observability.Instances;

internal sealed class ServiceInstanceConfiguration : IEntityTypeConfiguration<ServiceInstance>
{
    public const string Table = "service_instances";
    public const int MaxInstanceId = 200;
    public const int MaxName = 100;
    public const int MaxHost = 255;

    public void Configure(EntityTypeBuilder<ServiceInstance> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(i => i.InstanceId);
        builder.Property(i => i.InstanceId).HasColumnName("instance_id").HasMaxLength(MaxInstanceId);
        builder.Property(i => i.Service).HasColumnName("service").HasMaxLength(MaxName);
        builder.Property(i => i.Version).HasColumnName("version").HasMaxLength(MaxName);
        builder.Property(i => i.Host).HasColumnName("host").HasMaxLength(MaxHost);
        builder.Property(i => i.ProcessId).HasColumnName("process_id");
        builder.Property(i => i.StartedAt).HasColumnName("started_at");
        builder.Property(i => i.LastSeenAt).HasColumnName("last_seen_at");
        builder.HasIndex(i => i.Service);
    }
}
