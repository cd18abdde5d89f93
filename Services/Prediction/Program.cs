using Platform.Prediction.Extensions;
using Platform.Prediction.Jobs;
using Platform.Prediction.Models;
using Platform.Prediction.Outcomes;
using Platform.Prediction.Predictions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapModelsApi();
app.MapModelAdminApi();
app.MapPredictionsApi();
app.MapPredictionListApi();
app.MapOutcomesApi();
app.MapAccuracyApi();
app.MapBatchPredictionsApi();
app.MapPredictionJobsApi();

app.Run();
