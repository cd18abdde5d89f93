namespace Platform.Tests.Infrastructure;

public static class TestTags
{
    /// <summary>A short unique tag (database suffix, vhost, key prefix) for one test class or test.</summary>
    public static string New(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];
}
