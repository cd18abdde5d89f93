using Platform.Prediction.Extensions;
using Platform.Prediction.Models;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapModelsApi();

app.Run();
