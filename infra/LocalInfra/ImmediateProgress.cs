namespace Platform.LocalInfra;

/// <summary>
/// Reports on the caller's thread. <see cref="Progress{T}"/> posts to the thread pool, which
/// lets "ready" lines arrive after whatever the caller prints next.
/// </summary>
public sealed class ImmediateProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
