using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Polly.Registry;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.ServiceDefaults.Http;

public static class HttpClientDefaultsExtensions
{
    /// <summary>
    /// Every HttpClient resolves logical names through service discovery
    /// (<c>http://tenancy</c> → <c>services:tenancy:http:0</c>), carries the tenant, and is
    /// protected by the resilience pipeline of its name.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformHttpClientDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpResilienceOptions>()
            .BindConfiguration(HttpResilienceOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ResiliencePipelineRegistry<string>>();
        builder.Services.AddSingleton<HttpResiliencePipelines>();
        builder.Services.AddTransient<TenantPropagationHandler>();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            var name = http.Name;
            http.AddHttpMessageHandler(sp => new ResilienceHandler(sp.GetRequiredService<HttpResiliencePipelines>().For(name)));
            http.AddHttpMessageHandler<TenantPropagationHandler>();
            http.AddServiceDiscovery();
        });
        return builder;
    }
}
