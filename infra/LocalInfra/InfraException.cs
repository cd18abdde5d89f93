namespace Platform.LocalInfra;

/// <summary>
/// A local resource could not be started or used. The message is one line that names the
/// resource and the fix, so it can be printed as-is by the AppHost and the test runner.
/// </summary>
public sealed class InfraException(string resource, string message, Exception? inner = null)
    : Exception($"{resource}: {message}", inner)
{
    public string Resource { get; } = resource;
}
