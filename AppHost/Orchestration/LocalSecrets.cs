using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Platform.AppHost.Hosting;

namespace Platform.AppHost.Orchestration;

/// <summary>
/// Gives the parameters a local run needs their values: from configuration when given, else from
/// the data directory where an earlier run stored them, else freshly generated (letters and digits,
/// from a CSPRNG) and stored there, readable by the owner only, so keys survive restarts.
/// </summary>
public static class LocalSecrets
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static void Resolve(IEnumerable<ParameterResource> parameters, IConfiguration configuration, string dataDirectory, Action<string> show)
    {
        var directory = Path.Combine(dataDirectory, "secrets");
        foreach (var parameter in parameters.Where(p => p.UsedLocally))
        {
            if (configuration[parameter.ConfigurationKey] is { Length: > 0 } given)
            {
                parameter.Value = given;
                continue;
            }
            var file = Path.Combine(directory, parameter.Name);
            if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } stored)
            {
                parameter.Value = stored;
                continue;
            }
            parameter.Value = new string(RandomNumberGenerator.GetItems<char>(Alphabet, Math.Max(parameter.GeneratedLength, 32)));
            Directory.CreateDirectory(directory);
            File.WriteAllText(file, parameter.Value);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (parameter.ShowWhenGenerated)
                show($"{parameter.Name}: generated {parameter.Value} (shown once; stored in {file}; set {parameter.ConfigurationKey} to choose your own)");
        }
    }
}
