using Platform.Observability.Apis;
using Platform.Observability.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapObservabilityApi();

app.Run();
