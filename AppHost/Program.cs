using System.Runtime.InteropServices;
using Platform.LocalInfra;

// Placeholder for the AppHost issue: starts PostgreSQL, RabbitMQ and Redis (or uses the
// ConnectionStrings__* given) and prints how to reach them, until Ctrl-C or SIGTERM.
var root = RepositoryLayout.FindRoot();
using var stopping = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

try
{
    await using var infra = await LocalInfrastructure.StartAsync(
        LocalInfraOptions.FromEnvironment(Path.Combine(root, ".platform", "apphost"), root),
        new ImmediateProgress(message => Console.WriteLine($"[infra] {message}")),
        stopping.Token);

    Console.WriteLine($"""

        ConnectionStrings__postgres   {infra.Postgres.ConnectionString}
        ConnectionStrings__messaging  {infra.RabbitMq.ConnectionString()}
        ConnectionStrings__redis      {infra.Redis}
        RabbitMQ management           {infra.RabbitMq.Management}

        Press Ctrl-C to stop.
        """);
    await Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
    Console.WriteLine("[infra] stopping");
    return 0;
}
catch (InfraException error)
{
    Console.Error.WriteLine(error.Message);
    return 1;
}
catch (OperationCanceledException)
{
    return 130;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
