using Platform.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
// Client-sent X-Tenant-* headers are untrusted here: the gateway resolves the tenant itself
// (Tenancy/GatewayAccessMiddleware) and sets its own (Tenancy/TenantForwarding).
app.MapDefaultEndpoints(trustTenantHeaders: false);
app.MapGateway();

app.Run();
