using System.Text.Json.Serialization;
using Platform.AppHost.Orchestration;

namespace Platform.AppHost.Dashboard;

/// <summary>The dashboard: one self-contained page plus its JSON API, on localhost only.</summary>
public static class DashboardServer
{
    public static async Task<WebApplication> StartAsync(Orchestrator orchestrator, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://localhost:{port}");
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        var page = ReadPage();
        app.MapGet("/", () => TypedResults.Content(page, "text/html; charset=utf-8"));
        app.MapDashboardApi(orchestrator);
        await app.StartAsync();
        return app;
    }

    private static string ReadPage()
    {
        using var stream = typeof(DashboardServer).Assembly.GetManifestResourceStream("Platform.AppHost.Dashboard.index.html")
            ?? throw new InvalidOperationException("The dashboard page is not embedded in the AppHost assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
