using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Platform.AppHost.Orchestration;
using Platform.AppHost.Publishing;
using Platform.LocalInfra;

namespace Platform.AppHost.Hosting;

/// <summary>
/// The built topology. <see cref="RunAsync"/> runs it locally, or with
/// <c>--publisher manifest|compose --output-path PATH</c> writes it for deployment tools.
/// </summary>
public sealed class DistributedApplication
{
    private readonly DistributedApplicationBuilder _builder;

    internal DistributedApplication(DistributedApplicationBuilder builder) => _builder = builder;

    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        return new DistributedApplicationBuilder(args, configuration);
    }

    public IReadOnlyList<Resource> Resources => _builder.Resources;

    public async Task<int> RunAsync()
    {
        var configuration = _builder.Configuration;
        var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory);
        if (configuration["publisher"] is { } publisher)
        {
            if (configuration["output-path"] is not { Length: > 0 } output)
                return Fail("--output-path is required with --publisher");
            // Relative to the AppHost project, as Aspire resolves it: ../aspire-manifest.json is the repository root.
            var path = Path.GetFullPath(output, Path.Combine(root, "AppHost"));
            return publisher switch
            {
                "manifest" => Write(path, ManifestPublisher.Write(Resources, Path.GetDirectoryName(path)!, root)),
                "compose" => Write(path, ComposePublisher.Write(Resources)),
                _ => Fail($"unknown publisher '{publisher}': use manifest or compose"),
            };
        }

        var options = new AppHostOptions();
        configuration.GetSection(AppHostOptions.Section).Bind(options);
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
            return Fail(string.Join("; ", errors.Select(e => $"{AppHostOptions.Section}:{e.MemberNames.FirstOrDefault()}: {e.ErrorMessage}")));
        return await LocalRun.RunAsync(Resources, options, configuration, root);
    }

    private static int Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        Console.WriteLine($"Wrote {path}");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"apphost: {message}");
        return 2;
    }
}
