using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// A small web app built with the real ServiceDefaults on a loopback port, for testing what
/// every service gets (problem details, tenant context, HTTP client defaults) in isolation.
/// </summary>
public sealed class InProcessApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessApp(WebApplication app, Uri address)
    {
        _app = app;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <param name="configuration">Settings applied before ServiceDefaults reads them.</param>
    /// <param name="map">Maps the app's own endpoints; receives the app's final address for self-calls.</param>
    public static async Task<InProcessApp> StartAsync(
        IDictionary<string, string?>? configuration,
        Action<WebApplication> map)
    {
        // Bind first so the address is known before the app (and its service discovery) is built.
        var port = Platform.LocalInfra.FreePort.Next();
        var address = new Uri($"http://127.0.0.1:{port}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:self:http:0"] = address.ToString(),
        });
        if (configuration is not null) builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.UseUrls(address.ToString());
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new InProcessApp(app, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
