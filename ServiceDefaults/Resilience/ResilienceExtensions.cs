using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Resilience;

public static class ResilienceExtensions
{
    /// <summary>The named circuit breaker registry, its metrics and the degradation assessor.</summary>
    public static IHostApplicationBuilder AddPlatformResilience(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(CircuitBreakerRegistry))) return builder;
        builder.Services.AddOptions<CircuitBreakerOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(CircuitBreakerOptions.Section).Bind(options.Breakers))
            .Validate(options => options.Breakers.Values.All(s => Validator.TryValidateObject(s, new ValidationContext(s), null, validateAllProperties: true)),
                $"A breaker under {CircuitBreakerOptions.Section} has an out-of-range setting (FailureRatio 0.01-1, MinimumThroughput >= 2, durations >= 0.5 s).")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<CircuitBreakerMetrics>();
        builder.Services.TryAddSingleton<CircuitBreakerRegistry>();
        builder.Services.TryAddSingleton<DegradationAssessor>();
        return builder;
    }
}
