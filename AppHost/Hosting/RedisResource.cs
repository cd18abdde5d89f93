namespace Platform.AppHost.Hosting;

public sealed class RedisResource(string name) : ServerResource(name)
{
    public override string Kind => "Redis";

    public override string ConnectionStringExpression =>
        $"{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}},password={{{Password!.Name}.value}}";

    public override string Image => "docker.io/library/redis:7.0";

    public override int TargetPort => 6379;

    public override string DataPath => "/data";

    public override IReadOnlyDictionary<string, string> ContainerEnvironment => new Dictionary<string, string>
    {
        ["REDIS_PASSWORD"] = $"{{{Password!.Name}.value}}",
    };

    /// <summary>The container's command line: require the password, keep data.</summary>
    public static readonly string[] ContainerArgs = ["-c", "redis-server --requirepass $REDIS_PASSWORD --save 60 1"];
}
