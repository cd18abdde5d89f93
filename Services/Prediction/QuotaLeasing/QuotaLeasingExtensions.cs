namespace Platform.Prediction.QuotaLeasing;

public static class QuotaLeasingExtensions
{
    public static IHostApplicationBuilder AddQuotaLeases(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<QuotaLeaseOptions>().BindConfiguration(QuotaLeaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<QuotaLeases>();
        builder.Services.AddHostedService<QuotaLeaseReturner>();
        return builder;
    }
}
