namespace Platform.LocalInfra;

/// <summary>Finds server binaries and names the Debian package to install when one is missing.</summary>
public static class Executables
{
    public static string? Find(string name, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in extraDirectories.Concat(path.Split(':', StringSplitOptions.RemoveEmptyEntries)))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string Require(string resource, string name, string package, params string[] extraDirectories) =>
        Find(name, extraDirectories)
        ?? throw new InfraException(resource, $"'{name}' not found. Install it with: sudo apt-get install -y {package}");
}
