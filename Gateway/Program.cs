using Platform.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
// Client-sent X-Tenant-* headers are untrusted here; the proxy strips them (Routing/TenantHeaderStripping).
app.MapDefaultEndpoints(trustTenantHeaders: false);
app.MapReverseProxy();

app.Run();
