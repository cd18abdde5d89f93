using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Prediction.Data;
using Platform.Prediction.Models;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Prediction;

/// <summary>
/// The activated versions as one instance holds them, against a real PostgreSQL database: reads
/// overlap (the background refresh and an admin call's write-through), and the order they finish
/// in must not undo an activation.
/// </summary>
public sealed class ModelActivationsTests(PlatformServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refresh_that_read_before_an_activation_does_not_undo_it_by_finishing_last()
    {
        var pause = new PauseNextRead();
        var database = servers.Infra.Postgres.ForDatabase(TestTags.New("activations"));
        var services = new ServiceCollection()
            .AddDbContext<PredictionDbContext>(o => o.UseNpgsql(database).AddInterceptors(pause))
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PredictionDbContext>().Database.MigrateAsync(Cancel);
        var activations = new ModelActivations(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);

        // A refresh reads the table while nothing is activated, and is held before it applies what it read.
        pause.Arm();
        var stale = activations.RefreshAsync(Cancel);
        // A refresh that fails or never reads says so here, not as a timeout.
        await Task.WhenAny(pause.Reached.Task, stale).WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        if (stale.IsCompleted) await stale;
        Assert.True(pause.Reached.Task.IsCompleted, "the refresh finished without reading the table");

        var activated = await activations.ActivateAsync("iit-risk", 2, previous: 3, Cancel);
        Assert.Equal((2, 3), (activated.Version, activated.PreviousVersion));

        pause.Release.SetResult();
        await stale;
        var held = activations.Of("iit-risk");
        Assert.NotNull(held);
        Assert.Equal(2, held.Version);

        // A refresh that starts later reads it back.
        await activations.RefreshAsync(Cancel);
        Assert.Equal(2, activations.Of("iit-risk")?.Version);
    }

    /// <summary>Holds the next query after the database answered it, until released.</summary>
    private sealed class PauseNextRead : DbCommandInterceptor
    {
        private int _armed;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Arm() => Volatile.Write(ref _armed, 1);

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Reached.SetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }
            return result;
        }
    }
}
