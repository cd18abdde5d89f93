using Platform.Observability.Apis;
using Platform.Observability.Apis.CircuitBreakers;
using Platform.Observability.Apis.DeadLetters;
using Platform.Observability.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapObservabilityApi();
app.MapDeadLetterApi();
app.MapCircuitBreakerAggregationApi();

app.Run();
