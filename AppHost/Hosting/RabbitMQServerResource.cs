namespace Platform.AppHost.Hosting;

public sealed class RabbitMQServerResource(string name) : ServerResource(name)
{
    public override string Kind => "RabbitMQ";

    public override string ConnectionStringExpression =>
        $"amqp://guest:{{{Password!.Name}-uri-encoded.value}}@{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}}";

    // Matches the local node (Debian 12's RabbitMQ 3.10) with the management plugin.
    public override string Image => "docker.io/library/rabbitmq:3.10-management";

    public override int TargetPort => 5672;

    public const int ManagementTargetPort = 15672;

    public override string DataPath => "/var/lib/rabbitmq";

    /// <summary>The management API of the running node (local or <c>ConnectionStrings:{name}-management</c>).</summary>
    public string? ManagementUrl { get; set; }

    public override IReadOnlyDictionary<string, string> ContainerEnvironment => new Dictionary<string, string>
    {
        ["RABBITMQ_DEFAULT_USER"] = "guest",
        ["RABBITMQ_DEFAULT_PASS"] = $"{{{Password!.Name}.value}}",
    };
}
