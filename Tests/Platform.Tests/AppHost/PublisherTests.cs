using System.Text.Json;
using Platform.LocalInfra;
using Platform.ServiceDefaults.Hosting;
using Platform.Tests.Infrastructure;
using Platform.Tests.Infrastructure.JsonSchemaSubset;

namespace Platform.Tests.AppHost;

/// <summary>
/// The committed <c>aspire-manifest.json</c> and <c>infra/docker-compose.yml</c> are what the
/// AppHost's topology publishes today, and the manifest is valid Aspire 8.
/// </summary>
public sealed class PublisherTests(PlatformServers servers)
{
    private static readonly string Root = RepositoryLayout.FindRoot();

    [Theory]
    [InlineData("manifest", "aspire-manifest.json")]
    [InlineData("compose", "infra/docker-compose.yml")]
    public async Task The_committed_file_is_what_the_apphost_publishes_now(string publisher, string committed)
    {
        // Published beside the committed file, so paths relative to it come out the same.
        var scratch = Path.Combine("..", Path.GetDirectoryName(committed)!, $".publish-{Guid.NewGuid():N}-{Path.GetFileName(committed)}");

        var published = await PublishAsync(publisher, scratch);

        var expected = await File.ReadAllTextAsync(Path.Combine(Root, committed), TestContext.Current.CancellationToken);
        Assert.True(expected == published,
            $"{committed} is stale: run dotnet run --project AppHost -- --publisher {publisher} --output-path ../{committed}");
    }

    [Fact]
    public async Task The_manifest_validates_against_the_aspire_8_schema()
    {
        var schema = await LoadSchemaAsync();
        var manifest = await File.ReadAllTextAsync(Path.Combine(Root, "aspire-manifest.json"), TestContext.Current.CancellationToken);

        var errors = schema.Validate(manifest);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task The_schema_check_rejects_a_manifest_with_a_broken_resource()
    {
        var schema = await LoadSchemaAsync();
        var manifest = await File.ReadAllTextAsync(Path.Combine(Root, "aspire-manifest.json"), TestContext.Current.CancellationToken);
        // A project without its path is not a valid project.v0.
        var broken = manifest.Replace("\"path\": \"Gateway/Platform.Gateway.csproj\",", "", StringComparison.Ordinal);
        Assert.NotEqual(manifest, broken);

        Assert.NotEmpty(schema.Validate(broken));
    }

    [Fact]
    public async Task Every_project_and_reference_in_the_topology_appears_in_the_manifest()
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Root, "aspire-manifest.json"), TestContext.Current.CancellationToken));
        var resources = document.RootElement.GetProperty("resources");

        foreach (var server in new[] { "postgres", "redis", "messaging" })
        {
            Assert.Equal("container.v0", resources.GetProperty(server).GetProperty("type").GetString());
            var password = resources.GetProperty($"{server}-password");
            Assert.Equal("parameter.v0", password.GetProperty("type").GetString());
            Assert.True(password.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        }
        foreach (var project in PlatformProject.Services)
        {
            var resource = resources.GetProperty(project.Name);
            Assert.Equal("project.v0", resource.GetProperty("type").GetString());
            Assert.Equal($"{project.Directory}/{project.AssemblyName}.csproj", resource.GetProperty("path").GetString());
            Assert.True(File.Exists(Path.Combine(Root, resource.GetProperty("path").GetString()!)));
            var env = resource.GetProperty("env");
            Assert.Equal($"{{{project.Database}.connectionString}}", env.GetProperty($"ConnectionStrings__{project.Database}").GetString());
            Assert.Equal("{messaging.connectionString}", env.GetProperty("ConnectionStrings__messaging").GetString());
            Assert.Equal($"{{postgres.connectionString}};Database={project.Database}", resources.GetProperty(project.Database!).GetProperty("connectionString").GetString());
            Assert.False(resource.GetProperty("bindings").GetProperty("http").TryGetProperty("external", out _));
        }

        var gateway = resources.GetProperty("gateway");
        foreach (var project in PlatformProject.Services)
            Assert.Equal($"{{{project.Name}.bindings.http.url}}", gateway.GetProperty("env").GetProperty($"services__{project.Name}__http__0").GetString());
        Assert.True(gateway.GetProperty("bindings").GetProperty("https").GetProperty("external").GetBoolean());
        // Inline I/O where the tests run it too (PlatformProject.UsesInlineIo), and nowhere else.
        foreach (var project in PlatformProject.Services.Append(PlatformProject.Gateway))
        {
            var inline = resources.GetProperty(project.Name).GetProperty("env").TryGetProperty(InlineIo.Variable, out var value) ? value.GetString() : null;
            Assert.Equal(project.UsesInlineIo ? "1" : null, inline);
        }
    }

    [Fact]
    public async Task The_compose_file_adds_jaeger_with_otlp_and_qdrant_and_points_every_project_at_jaeger()
    {
        var compose = await File.ReadAllTextAsync(Path.Combine(Root, "infra", "docker-compose.yml"), TestContext.Current.CancellationToken);

        Assert.Contains("  jaeger:\n", compose);
        Assert.Contains("COLLECTOR_OTLP_ENABLED: \"true\"", compose);
        Assert.Contains("  qdrant:\n", compose);
        foreach (var project in PlatformProject.Services.Append(PlatformProject.Gateway))
            Assert.Contains($"  {project.Name}:\n    image: \"platform/{project.Name}:latest\"", compose);
        Assert.Equal(PlatformProject.Services.Length + 1, compose.Split("OTEL_EXPORTER_OTLP_ENDPOINT: \"http://jaeger:4317\"").Length - 1);
    }

    // The schema from the .NET Aspire repository, kept beside the tests so a clean clone has it.
    private static async Task<JsonSchemaValidator> LoadSchemaAsync() => JsonSchemaValidator.Parse(
        await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "AppHost", "aspire-8.0.schema.json"), TestContext.Current.CancellationToken));

    private async Task<string> PublishAsync(string publisher, string relativeOutput)
    {
        var path = Path.GetFullPath(relativeOutput, Path.Combine(Root, "AppHost"));
        var log = Path.Combine(servers.RunDirectory, "logs", $"publish-{publisher}.log");
        await using var process = ExternalProcess.Start("apphost-publish", "dotnet",
            [servers.ProjectAssembly(PlatformProject.AppHost), "--publisher", publisher, "--output-path", relativeOutput], log,
            new Dictionary<string, string?> { ["ConnectionStrings__postgres"] = null, ["ConnectionStrings__messaging"] = null, ["ConnectionStrings__redis"] = null });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, string.Join('\n', process.Tail()));
        try
        {
            return await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
