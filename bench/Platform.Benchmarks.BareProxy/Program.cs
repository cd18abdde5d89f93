using Yarp.ReverseProxy.Configuration;

// Every path to one destination (BareProxy__Destination), default YARP settings, no logging:
// the least a YARP reverse proxy can cost here.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var destination = builder.Configuration["BareProxy:Destination"]
    ?? throw new InvalidOperationException("BareProxy:Destination is not set");
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "/{**rest}" } }],
    [new ClusterConfig { ClusterId = "backend", Destinations = new Dictionary<string, DestinationConfig> { ["backend"] = new() { Address = destination } } }]);
var app = builder.Build();
app.MapGet("/alive", () => "alive");
app.MapReverseProxy();
app.Run();
