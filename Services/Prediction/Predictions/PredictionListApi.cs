using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Prediction.Data;
using Platform.Prediction.Scoring.Scoring;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Prediction.Predictions;

/// <summary><c>GET /v1/predictions</c>: the calling tenant's predictions, filtered, newest first, a keyset page at a time.</summary>
public static class PredictionListApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapPredictionListApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/predictions", List).WithTags("Predictions")
            .WithSummary("The tenant's predictions, newest first; filters: patientId, level, model, version, degraded, hasOutcome, from, to; limit ≤ 500 and cursor for paging.");
        return app;
    }

    private static async Task<Results<Ok<PredictionPage>, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] PredictionFilter filter, TenantContextAccessor accessor, PredictionDbContext db, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is null) return PredictionsApi.NoTenant();
        var errors = new Dictionary<string, string[]>();
        var limit = filter.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        RiskLevel? level = null;
        if (filter.Level is { } text)
        {
            if (Enum.TryParse<RiskLevel>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _)) level = parsed;
            else errors["level"] = [$"must be one of {string.Join(", ", Enum.GetNames<RiskLevel>())}"];
        }
        if (filter.From is { } from && filter.To is { } to && from > to) errors["from"] = ["must not be after to"];
        PredictionCursor? after = null;
        if (filter.Cursor is { } cursorText)
        {
            if (PredictionCursor.TryParse(cursorText, out var cursor)) after = cursor;
            else errors["cursor"] = ["is not a cursor this API returned"];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        // The tenant filter of the context applies to both sets.
        var query = from p in db.Predictions.AsNoTracking()
                    join o in db.Outcomes.AsNoTracking() on p.Id equals o.PredictionId into outcomes
                    from o in outcomes.DefaultIfEmpty()
                    select new { p, Interrupted = o == null ? (bool?)null : o.Interrupted };
        if (filter.PatientId is { } patient) query = query.Where(x => x.p.PatientId == patient);
        if (level is { } l) query = query.Where(x => x.p.Level == l);
        if (filter.Model is { } model) query = query.Where(x => x.p.ModelName == model);
        if (filter.Version is { } version) query = query.Where(x => x.p.ModelVersion == version);
        if (filter.Degraded is { } degraded) query = query.Where(x => x.p.Degraded == degraded);
        if (filter.HasOutcome is { } has) query = query.Where(x => (x.Interrupted != null) == has);
        if (filter.From is { } start) query = query.Where(x => x.p.CreatedAt >= start);
        if (filter.To is { } end) query = query.Where(x => x.p.CreatedAt < end);
        if (after is { } c) query = query.Where(x => x.p.CreatedAt < c.CreatedAt || (x.p.CreatedAt == c.CreatedAt && x.p.Id.CompareTo(c.Id) < 0));

        var rows = await query.OrderByDescending(x => x.p.CreatedAt).ThenByDescending(x => x.p.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Take(limit).Select(x => new PredictionSummary(x.p.Id, x.p.PatientId, x.p.Risk, x.p.Level, x.p.ModelName, x.p.ModelVersion, x.p.Degraded, x.p.CreatedAt, x.Interrupted)).ToList();
        var next = rows.Count > limit ? new PredictionCursor(items[^1].CreatedAt, items[^1].Id).ToString() : null;
        return TypedResults.Ok(new PredictionPage(items, next));
    }
}
