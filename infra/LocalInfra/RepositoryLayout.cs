using System.Reflection;

namespace Platform.LocalInfra;

/// <summary>Finds the repository and the build output of its projects.</summary>
public static class RepositoryLayout
{
    public const string SolutionFile = "Platform.sln";

    public static string FindRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }
        throw new InfraException("repository", $"{SolutionFile} not found above {start ?? AppContext.BaseDirectory}. Run from inside the repository.");
    }

    /// <summary>The build configuration of the given assembly (Debug or Release), so tests run what they were built with.</summary>
    public static string ConfigurationOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c ? c : "Debug";

    /// <summary>The built entry assembly of a project, e.g. <c>Services/Prediction</c> → <c>.../bin/Debug/net10.0/Platform.Prediction.dll</c>.</summary>
    public static string ProjectAssembly(string root, string projectDirectory, string assemblyName, string configuration)
    {
        var path = Path.Combine(root, projectDirectory, "bin", configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new InfraException(assemblyName, $"{path} not found. Build first: dotnet build {SolutionFile} -c {configuration}");
    }
}
