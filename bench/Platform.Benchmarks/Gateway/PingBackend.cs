using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Benchmarks.Gateway;

/// <summary>
/// The one backend every path in the gateway benchmark reaches: a Kestrel endpoint answering a
/// small JSON document, so what differs between the paths is only what sits in front of it.
/// </summary>
public sealed class PingBackend : IAsyncDisposable
{
    public const string Path = "/v1/predictions/ping";

    private readonly WebApplication _app;

    private PingBackend(WebApplication app, Uri address) => (_app, Address) = (app, address);

    public Uri Address { get; }

    public static async Task<PingBackend> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var body = """{"status":"ok","model":"iit-risk","version":3}"""u8.ToArray();
        app.MapGet(Path, async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });
        await app.StartAsync();
        return new PingBackend(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
