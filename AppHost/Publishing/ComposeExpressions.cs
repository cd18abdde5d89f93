using System.Text.RegularExpressions;
using Platform.AppHost.Hosting;

namespace Platform.AppHost.Publishing;

/// <summary>
/// Evaluates the manifest's <c>{resource.property}</c> expressions for Docker Compose, where
/// every resource is reachable by its name and secrets come from the environment
/// (<c>postgres-password</c> → <c>${POSTGRES_PASSWORD}</c>). Compose and manifest therefore
/// come from the same model and cannot drift apart.
/// </summary>
public sealed partial class ComposeExpressions(IReadOnlyList<Resource> resources)
{
    public const int ProjectPort = 8080;

    private readonly Dictionary<string, Resource> _byName = resources.ToDictionary(r => r.Name);

    public static string SecretVariable(string parameter) => parameter.ToUpperInvariant().Replace('-', '_');

    public string Evaluate(string expression) => Placeholder().Replace(expression, match =>
    {
        var name = match.Groups["name"].Value;
        var path = match.Groups["path"].Value;
        if (name.EndsWith("-uri-encoded", StringComparison.Ordinal) && path == "value")
            return $"${{{SecretVariable(name[..^"-uri-encoded".Length])}}}"; // generated secrets are alphanumeric
        if (!_byName.TryGetValue(name, out var resource))
            throw new InvalidOperationException($"Expression {match.Value} refers to no resource.");
        return (resource, path) switch
        {
            (ParameterResource, "value") => $"${{{SecretVariable(name)}}}",
            (ServerResource { IsExternal: true }, "connectionString") => $"${{{SecretVariable(name)}}}",
            (IResourceWithConnectionString withConnection, "connectionString") => Evaluate(withConnection.ConnectionStringExpression),
            (ServerResource, "bindings.tcp.host") => name,
            (ServerResource server, "bindings.tcp.port") => server.TargetPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (ProjectResource, "bindings.http.url") => $"http://{name}:{ProjectPort}",
            (ProjectResource, "bindings.http.targetPort") => ProjectPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"Expression {match.Value} has no Compose form."),
        };
    });

    [GeneratedRegex(@"\{(?<name>[a-z][a-z0-9-]*)\.(?<path>[a-zA-Z.]+)\}")]
    private static partial Regex Placeholder();
}
