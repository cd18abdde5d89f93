using Platform.Prediction.Extensions;
using Platform.Prediction.Models;
using Platform.Prediction.Predictions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapModelsApi();
app.MapModelAdminApi();
app.MapPredictionsApi();
app.MapBatchPredictionsApi();

app.Run();
