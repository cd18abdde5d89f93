using Platform.Gateway.Extensions;
using Platform.Gateway.Security;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.WithoutServerBanner();
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
app.UseGatewayEdge();
// Client-sent X-Tenant-* headers are untrusted here: the gateway resolves the tenant itself
// (Tenancy/GatewayAccessMiddleware) and sets its own (Tenancy/TenantForwarding).
app.MapDefaultEndpoints(trustTenantHeaders: false);
app.MapGateway();

app.Run();
