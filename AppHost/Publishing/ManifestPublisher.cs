using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.AppHost.Hosting;

namespace Platform.AppHost.Publishing;

/// <summary>
/// Writes the topology as an Aspire 8 deployment manifest: servers as <c>container.v0</c> with
/// their official images, secrets as <c>parameter.v0</c>, databases as <c>value.v0</c>, projects
/// as <c>project.v0</c> with their environment and bindings.
/// </summary>
public static class ManifestPublisher
{
    public static string Write(IReadOnlyList<Resource> resources, string manifestDirectory, string repositoryRoot)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("resources");
            foreach (var resource in resources)
            {
                switch (resource)
                {
                    case ServerResource { IsExternal: true } external: WriteConnectionStringParameter(json, external.Name); break;
                    case ServerResource server: WriteContainer(json, server); break;
                    case PostgresDatabaseResource database: WriteValue(json, database.Name, database.ConnectionStringExpression); break;
                    case ProjectResource project: WriteProject(json, project, manifestDirectory, repositoryRoot); break;
                    case ParameterResource parameter: WriteParameter(json, parameter); break;
                    default: throw new NotSupportedException($"No manifest form for {resource.Kind} '{resource.Name}'.");
                }
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteContainer(Utf8JsonWriter json, ServerResource server)
    {
        json.WriteStartObject(server.Name);
        json.WriteString("type", "container.v0");
        json.WriteString("connectionString", server.ConnectionStringExpression);
        json.WriteString("image", server.Image);
        if (server is RedisResource)
        {
            json.WriteString("entrypoint", "/bin/sh");
            WriteArray(json, "args", RedisResource.ContainerArgs);
        }
        json.WriteStartArray("volumes");
        json.WriteStartObject();
        json.WriteString("name", $"platform-{server.Name}-data");
        json.WriteString("target", server.DataPath);
        json.WriteBoolean("readOnly", false);
        json.WriteEndObject();
        json.WriteEndArray();
        WriteObject(json, "env", server.ContainerEnvironment);
        json.WriteStartObject("bindings");
        WriteBinding(json, "tcp", server is RedisResource ? "redis" : "tcp", "tcp", server.TargetPort, external: false);
        if (server is RabbitMQServerResource)
            WriteBinding(json, "management", "http", "http", RabbitMQServerResource.ManagementTargetPort, external: false);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteProject(Utf8JsonWriter json, ProjectResource project, string manifestDirectory, string repositoryRoot)
    {
        json.WriteStartObject(project.Name);
        json.WriteString("type", "project.v0");
        var path = Path.GetRelativePath(manifestDirectory, Path.Combine(repositoryRoot, project.ProjectPath)).Replace('\\', '/');
        json.WriteString("path", path);
        var env = new Dictionary<string, string>
        {
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["HTTP_PORTS"] = $"{{{project.Name}.bindings.http.targetPort}}",
        };
        if (project.HttpsPort is not null) env["HTTPS_PORTS"] = $"{{{project.Name}.bindings.https.targetPort}}";
        foreach (var value in project.Environment) env[value.Name] = value.ManifestExpression;
        WriteObject(json, "env", env);
        json.WriteStartObject("bindings");
        WriteBinding(json, "http", "http", "http", targetPort: null, project.External);
        if (project.HttpsPort is not null) WriteBinding(json, "https", "https", "http", targetPort: null, project.External);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteParameter(Utf8JsonWriter json, ParameterResource parameter)
    {
        json.WriteStartObject(parameter.Name);
        json.WriteString("type", "parameter.v0");
        json.WriteString("value", $"{{{parameter.Name}.inputs.value}}");
        json.WriteStartObject("inputs");
        json.WriteStartObject("value");
        json.WriteString("type", "string");
        json.WriteBoolean("secret", parameter.Secret);
        json.WriteStartObject("default");
        json.WriteStartObject("generate");
        json.WriteNumber("minLength", parameter.GeneratedLength);
        // Passwords end up in URIs and shell command lines: letters and digits only.
        json.WriteBoolean("special", false);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject($"{parameter.Name}-uri-encoded");
        json.WriteString("type", "annotated.string");
        json.WriteString("value", $"{{{parameter.Name}.value}}");
        json.WriteString("filter", "uri");
        json.WriteEndObject();
    }

    // A server replaced by a connection string (Aspire's AddConnectionString): a secret input.
    private static void WriteConnectionStringParameter(Utf8JsonWriter json, string name)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "parameter.v0");
        json.WriteString("connectionString", $"{{{name}.value}}");
        json.WriteString("value", $"{{{name}.inputs.value}}");
        json.WriteStartObject("inputs");
        json.WriteStartObject("value");
        json.WriteString("type", "string");
        json.WriteBoolean("secret", true);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string name, string connectionString)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "value.v0");
        json.WriteString("connectionString", connectionString);
        json.WriteEndObject();
    }

    private static void WriteBinding(Utf8JsonWriter json, string name, string scheme, string transport, int? targetPort, bool external)
    {
        json.WriteStartObject(name);
        json.WriteString("scheme", scheme);
        json.WriteString("protocol", "tcp");
        json.WriteString("transport", transport);
        if (external) json.WriteBoolean("external", true);
        if (targetPort is { } port) json.WriteNumber("targetPort", port);
        json.WriteEndObject();
    }

    private static void WriteObject(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values) json.WriteString(key, value);
        json.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
