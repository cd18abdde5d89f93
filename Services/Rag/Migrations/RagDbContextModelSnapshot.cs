using Platform.ServiceDefaults.Messaging.Reliable;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Platform.Rag.Data;

namespace Platform.Rag.Migrations;

/// <summary>
/// The model as of the latest migration, written by hand (the EF design-time package is not
/// available here). EF compares it with the live model at startup and refuses to migrate when
/// they differ, so a model change without a migration fails fast in the tests.
/// </summary>
[DbContext(typeof(RagDbContext))]
internal sealed class RagDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(RagDbContext.Schema);
        ReliableMessagingModel.BuildSnapshot(modelBuilder, RagDbContext.Schema);
    }
}
