using Platform.AppHost.Hosting;

// The platform's topology. Reads like an Aspire AppHost: servers, a database per service,
// projects with their references and start-up order.
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var redis = builder.AddRedis("redis");
var messaging = builder.AddRabbitMQ("messaging");

IResourceBuilder<ProjectResource> AddService(string name, string projectPath)
{
    var database = postgres.AddDatabase($"{name}db");
    return builder.AddProject(name, projectPath)
        .WithReference(database).WaitFor(database)
        .WithReference(messaging).WaitFor(messaging);
}

// Socket and Kestrel continuations on the polling thread (ServiceDefaults/Hosting/InlineIo.cs), for
// the two processes on every prediction's path: the gateway, whose work per request is short and
// never blocks, and the prediction service, which moves its batch work off that thread. The others
// keep the thread pool.
const string InlineIo = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

var tenancy = AddService("tenancy", "Services/Tenancy/Platform.Tenancy.csproj")
    .WithReference(redis).WaitFor(redis);
var prediction = AddService("prediction", "Services/Prediction/Platform.Prediction.csproj")
    .WithReference(tenancy)
    .WithEnvironment(InlineIo, "1");
var notification = AddService("notification", "Services/Notification/Platform.Notification.csproj");
var alerting = AddService("alerting", "Services/Alerting/Platform.Alerting.csproj")
    .WithReference(redis).WaitFor(redis)
    .WithReference(notification);
var rag = AddService("rag", "Services/Rag/Platform.Rag.csproj");
var observability = AddService("observability", "Services/Observability/Platform.Observability.csproj");

// Admin endpoints answer only to this key; a local run generates it once and prints it.
var adminKey = builder.AddParameter("platform-admin-key", secret: true, generatedLength: 48)
    .FromConfiguration("Platform:AdminKey")
    .ShowWhenGenerated();
// API keys are stored as HMACs under this key, kept out of the database.
var apiKeyHashKey = builder.AddParameter("api-key-hash-key", secret: true, generatedLength: 48);
tenancy.WithEnvironment("Platform__AdminKey", adminKey).WithEnvironment("Tenancy__ApiKeys__HashKey", apiKeyHashKey);
observability.WithEnvironment("Platform__AdminKey", adminKey);

var services = new[] { prediction, notification, alerting, tenancy, rag, observability };
// The observability service aggregates every service's circuit breakers through its admin API.
foreach (var service in services.Where(s => s != observability)) observability.WithReference(service);
var gateway = builder.AddProject("gateway", "Gateway/Platform.Gateway.csproj")
    .WithHttpEndpoint(port: builder.Configuration.GetValue("AppHost:GatewayHttpPort", 8080))
    .WithHttpsEndpoint(port: builder.Configuration.GetValue("AppHost:GatewayHttpsPort", 8443))
    .WithExternalHttpEndpoints()
    .WithReference(redis).WaitFor(redis)
    .WithReference(messaging).WaitFor(messaging)
    .WithEnvironment("Platform__AdminKey", adminKey)
    .WithEnvironment(InlineIo, "1");
foreach (var service in services) gateway.WithReference(service).WaitFor(service);

return await builder.Build().RunAsync();
