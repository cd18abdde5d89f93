using Microsoft.Extensions.Options;

namespace Platform.Prediction.Models;

/// <summary>Re-reads the activated versions: at once (retrying every second until the database answers), then every refresh interval.</summary>
internal sealed partial class ModelActivationRefresher(ModelActivations activations, IOptions<ModelRegistryOptions> options, ILogger<ModelActivationRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await activations.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, ex);
            }
            var wait = activations.Loaded ? options.Value.ActivationRefreshInterval : TimeSpan.FromSeconds(1);
            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not read the activated model versions; serving what was read last")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
