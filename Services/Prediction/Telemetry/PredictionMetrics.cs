using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Prediction.Models;
using Platform.Prediction.Predictions;
using Platform.Prediction.Scoring.Scoring;

namespace Platform.Prediction.Telemetry;

/// <summary>
/// The prediction service's own instruments (meter <c>Platform.Prediction</c>). Request counts and
/// latency come from ASP.NET Core; these say what the requests did to patients' rows: how many were
/// scored, by which version and at which level, how many a stand-in scored, how many were refused
/// and why, and how risk is distributed per version. A shift in that distribution is the first sign
/// of drift in the incoming data, long before enough outcomes arrive to measure accuracy.
/// No tenant or patient is ever a tag: the first would multiply the series by the tenants, the
/// second is patient data.
/// </summary>
public sealed class PredictionMetrics
{
    public const string MeterName = "Platform.Prediction";

    /// <summary>Where a row came in: <c>single</c>, <c>batch</c> or <c>job</c>.</summary>
    public static class Kinds
    {
        /// <summary><c>POST /v1/predictions</c>: one patient.</summary>
        public const string OnePatient = "single";
        public const string Batch = "batch";
        public const string Job = "job";
    }

    /// <summary>Why rows were not scored.</summary>
    public static class Reasons
    {
        /// <summary>The row or its request failed validation (400 or a per-row error).</summary>
        public const string Invalid = "invalid";

        /// <summary>The tenant's prediction quota did not cover it.</summary>
        public const string Quota = "quota";

        /// <summary>No version could score it, or tenancy could not be asked for quota (503).</summary>
        public const string Unavailable = "unavailable";
    }

    // Enum names computed once: a tag value per scored row must not allocate.
    private static readonly string[] LevelNames = Enum.GetNames<RiskLevel>();

    private readonly Counter<long> _rows;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _risk;
    private readonly Counter<long> _outcomes;

    public PredictionMetrics(IMeterFactory meters, ModelRegistry registry, ModelServing serving)
    {
        var meter = meters.Create(MeterName);
        _rows = meter.CreateCounter<long>("platform.prediction.rows", unit: "{row}",
            description: "Rows scored and stored, by kind (single, batch, job), model, version, level and whether a stand-in version scored them (degraded).");
        _refused = meter.CreateCounter<long>("platform.prediction.refused_rows", unit: "{row}",
            description: "Rows not scored, by kind and reason (invalid, quota, unavailable); nothing is charged for them.");
        _risk = meter.CreateHistogram<double>("platform.prediction.risk",
            description: "Risk of every scored row, by model and version: its distribution shifting is a sign of data drift.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] });
        _outcomes = meter.CreateCounter<long>("platform.prediction.outcomes", unit: "{outcome}",
            description: "Observed outcomes reported, by model, version and whether the patient interrupted treatment.");
        // Read at each collection: how each model name is served now, breakers considered.
        meter.CreateObservableGauge("platform.prediction.model.degraded",
            () => registry.Names.Select(name => new Measurement<int>(serving.Status(name).Degraded ? 1 : 0, new KeyValuePair<string, object?>("model", name))),
            description: "1 while a model name is served by a stand-in version (its intended one did not load or its breaker is open), else 0.");
    }

    /// <summary>Counts the first <paramref name="count"/> rows of <paramref name="scored"/>, once they are stored.</summary>
    public void Scored(string kind, ScoredRows scored, int count)
    {
        if (count == 0) return;
        var model = scored.Model;
        var version = model.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Span<long> perLevel = stackalloc long[LevelNames.Length];
        var risk = new TagList { { "model", model.Name }, { "version", version } };
        for (var i = 0; i < count; i++)
        {
            var value = scored.Risks[i];
            perLevel[(int)model.LevelOf(value)]++;
            _risk.Record(value, risk);
        }
        for (var level = 0; level < perLevel.Length; level++)
        {
            if (perLevel[level] == 0) continue;
            _rows.Add(perLevel[level], new TagList
            {
                { "kind", kind }, { "model", model.Name }, { "version", version }, { "level", LevelNames[level] }, { "degraded", scored.Degraded ? "true" : "false" },
            });
        }
    }

    /// <summary>
    /// Counts what became of the <paramref name="rows"/> rows of a batch or job once its result is
    /// stored: scored, refused as invalid (every row neither scored nor refused by the quota), or
    /// refused by the quota.
    /// </summary>
    public void Batch(string kind, int rows, BatchScoringResult result)
    {
        if (result.Scored is { } scored) Scored(kind, scored, result.Results.Count);
        Refused(kind, Reasons.Invalid, rows - result.Results.Count - result.QuotaRefusedRows.Count);
        Refused(kind, Reasons.Quota, result.QuotaRefusedRows.Count);
    }

    public void Refused(string kind, string reason, int count)
    {
        if (count > 0) _refused.Add(count, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason));
    }

    public void Outcome(string model, int version, bool interrupted) =>
        _outcomes.Add(1, new KeyValuePair<string, object?>("model", model),
            new KeyValuePair<string, object?>("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new KeyValuePair<string, object?>("interrupted", interrupted ? "true" : "false"));
}
