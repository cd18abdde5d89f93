using Microsoft.Extensions.Options;

namespace Platform.Prediction.QuotaLeasing;

/// <summary>
/// Gives back what expired leases left, twice per lease duration, and everything still held when
/// the service stops (the web server has finished its requests by then: it stops first).
/// </summary>
public sealed class QuotaLeaseReturner(QuotaLeases leases, TimeProvider time, IOptions<QuotaLeaseOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Duration / 2, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await leases.ReturnAsync(all: false, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await leases.ReturnAsync(all: true, cancellationToken);
    }
}
