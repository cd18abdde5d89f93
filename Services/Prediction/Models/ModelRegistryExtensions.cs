using Microsoft.Extensions.Options;

namespace Platform.Prediction.Models;

public static partial class ModelRegistryExtensions
{
    /// <summary>Loads the artifacts once, at start-up; each refused one is logged with its reasons.</summary>
    public static IHostApplicationBuilder AddModelRegistry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelRegistryOptions>().BindConfiguration(ModelRegistryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<ModelRegistryOptions>>().Value;
            var directory = Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, options.Directory);
            var registry = ModelRegistry.Load(directory);
            var logger = services.GetRequiredService<ILogger<ModelRegistry>>();
            foreach (var rejected in registry.Rejected) LogRejected(logger, rejected.File, string.Join("; ", rejected.Reasons));
            foreach (var model in registry.Models) LogLoaded(logger, model.Name, model.Version);
            return registry;
        });
        builder.Services.AddSingleton<ModelActivations>();
        builder.Services.AddSingleton<ModelServing>();
        builder.Services.AddHostedService<ModelActivationRefresher>();
        builder.Services.AddHealthChecks().AddCheck<ModelRegistryHealthCheck>("models", tags: [Platform.ServiceDefaults.Health.HealthTags.Ready]);
        return builder;
    }

    [LoggerMessage(LogLevel.Error, "Model artifact {File} refused: {Reasons}")]
    private static partial void LogRejected(ILogger logger, string file, string reasons);

    [LoggerMessage(LogLevel.Information, "Model {Name} v{Version} loaded")]
    private static partial void LogLoaded(ILogger logger, string name, int version);
}
