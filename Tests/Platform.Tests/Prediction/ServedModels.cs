using Platform.Tests.Infrastructure;

namespace Platform.Tests.Prediction;

/// <summary>
/// A platform (tenancy, prediction, gateway) whose prediction service loads the artifacts given
/// here instead of the shipped ones, and re-reads activations every 200 ms: for tests that need
/// models of their own, or counts of their own. Disposing stops it and deletes the artifacts.
/// </summary>
internal sealed class ServedModels(RunningPlatform platform, string directory) : IAsyncDisposable
{
    public RunningPlatform Platform { get; } = platform;

    /// <summary>The shipped model's artifact, as text.</summary>
    public static string Shipped(PlatformServers servers) =>
        File.ReadAllText(Path.Combine(servers.RepositoryRoot, "Services/Prediction/Models/iit-risk.v1.json"));

    /// <param name="artifacts">File name (<c>iit-risk.v2.json</c>) to content, written as given.</param>
    public static async Task<ServedModels> StartAsync(PlatformServers servers, string tag, IReadOnlyDictionary<string, string> artifacts)
    {
        var models = Directory.CreateTempSubdirectory(tag + "-models-").FullName;
        foreach (var (file, content) in artifacts) File.WriteAllText(Path.Combine(models, file), content);
        var platform = await RunningPlatform.StartAsync(servers, TestTags.New(tag), services: [PlatformProject.Tenancy, PlatformProject.Prediction],
            extraEnvironment: new Dictionary<string, string?>
            {
                ["Prediction__Models__Directory"] = models,
                ["Prediction__Models__ActivationRefreshInterval"] = "00:00:00.200",
            });
        return new ServedModels(platform, models);
    }

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
