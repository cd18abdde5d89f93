namespace Platform.Benchmarks.Gateway;

/// <summary>
/// One paced run. <see cref="P99Milliseconds"/> is over every request and is what targets are
/// judged by; <see cref="QuietP99Milliseconds"/> is over the requests due in the seconds when the
/// host stole less than <see cref="PacedLoad.QuietStealPercent"/> of the CPU, printed beside it
/// to tell the code's tail from the host's. Likewise <see cref="UnscannedP99Milliseconds"/>, over
/// the requests that the host's memory scanner did not overlap (<see cref="HostMemoryScans"/>;
/// <see cref="ScannerCpuPercent"/> is null on a machine without one).
/// </summary>
public sealed record PacedResult(
    double P50Milliseconds,
    double P99Milliseconds,
    int Failures,
    double SenderLateP99Milliseconds,
    double StealPercent,
    int Seconds,
    int QuietSeconds,
    double QuietP99Milliseconds,
    double? ScannerCpuPercent,
    int ScannedRequests,
    double UnscannedP99Milliseconds);
