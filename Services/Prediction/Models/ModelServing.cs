using System.Numerics.Tensors;
using Platform.Prediction.Scoring.Scoring;
using Platform.ServiceDefaults.Resilience;
using Polly.CircuitBreaker;

namespace Platform.Prediction.Models;

/// <summary>
/// Decides which version serves a request and scores it. A name is meant to serve its activated
/// version (<see cref="ModelActivations"/>) or else its newest artifact. When that version could
/// not be loaded, or fails to score, or its circuit breaker (<c>model-scoring:{name}:v{version}</c>,
/// one per version so that a broken version never holds back the one activated in its place) is open,
/// the newest loaded version below it serves instead and the answer says <c>degraded</c>; the
/// health check and the degradation level show it too.
/// </summary>
public sealed partial class ModelServing(ModelRegistry registry, ModelActivations activations, CircuitBreakerRegistry breakers, ILogger<ModelServing> logger)
{
    public static string BreakerName(RiskModel model) => $"{CircuitBreakerNames.ModelScoring}:{model.Name}:v{model.Version}";

    /// <summary>The version <paramref name="name"/> is meant to serve: its activated one, or its newest artifact; null for an unknown name.</summary>
    public int? IntendedVersion(string name) =>
        activations.Of(name) is { } activation && registry.HasFile(name, activation.Version) ? activation.Version : registry.NewestVersion(name);

    /// <summary>How <paramref name="name"/> (exactly <paramref name="version"/> when given) would be served now; null when no such model or version exists.</summary>
    public ModelChoice? Choose(string name, int? version)
    {
        if (version is { } exact)
            return registry.Find(name, exact) is { } model ? new ModelChoice(model, null, Guarded: false, Degraded: false, null) : null;
        if (IntendedVersion(name) is not { } intended) return null;
        var previous = registry.Below(name, intended);
        if (registry.Find(name, intended) is { } primary) return new ModelChoice(primary, previous, Guarded: true, Degraded: false, null);
        // The intended version did not load: the newest loaded one below it stands in, guarded by
        // the breaker like any serving version, with its own predecessor behind it.
        var reason = $"{name} v{intended} could not be loaded";
        return previous is null
            ? new ModelChoice(null, null, Guarded: false, Degraded: true, reason + " and no earlier version is loaded")
            : new ModelChoice(previous, registry.Below(name, previous.Version), Guarded: true, Degraded: true, reason);
    }

    /// <summary>How <paramref name="name"/> is served now, its breaker considered.</summary>
    public ModelStatus Status(string name)
    {
        var choice = Choose(name, null);
        var state = choice is { Guarded: true, Model: { } guarded } && breakers.TryGet(BreakerName(guarded), out var breaker) ? breaker.State.ToString() : CircuitState.Closed.ToString();
        var (serving, degraded, reason) = choice switch
        {
            null => (null, false, null),
            { Guarded: true, Model: { } model } when IsBroken(model) =>
                (choice.Fallback, true, $"{name} v{model.Version}'s circuit breaker is {state.ToLowerInvariant()}" + (choice.Fallback is null ? " and no earlier version is loaded" : "")),
            _ => (choice.Model, choice.Degraded, choice.Reason),
        };
        return new ModelStatus(name, IntendedVersion(name), serving?.Version, degraded, reason, activations.Of(name), state,
            [.. registry.Models.Where(m => m.Name == name).Select(m => m.Version)], [.. registry.Rejected.Where(r => r.Name == name)]);
    }

    /// <summary>Whether the breaker of <paramref name="model"/> is turning its requests away.</summary>
    public bool IsBroken(RiskModel model) =>
        breakers.TryGet(BreakerName(model), out var breaker) && breaker.State is CircuitState.Open or CircuitState.Isolated;

    /// <summary>
    /// Scores <paramref name="rows"/> (read for <see cref="ModelChoice.Model"/>) with the chosen model,
    /// or with its stand-in when it fails. <paramref name="readFor"/> reads the same input for
    /// another model, null when the input does not fit it; it is called only when the stand-in
    /// reads input differently.
    /// </summary>
    /// <exception cref="ModelUnavailableException">Nothing could score the rows.</exception>
    public async Task<ScoredRows> ScoreAsync(ModelChoice choice, FeatureMatrix rows, Func<RiskModel, FeatureMatrix?> readFor, CancellationToken cancellationToken)
    {
        var model = choice.Model ?? throw new ModelUnavailableException(choice.Reason ?? "no model can serve");
        var risks = new double[rows.Rows];
        if (!choice.Guarded)
        {
            if (!TryScore(model, rows, risks)) throw new ModelUnavailableException($"{model.Name} v{model.Version} produced no usable score");
            return new ScoredRows(model, rows, risks, choice.Degraded);
        }

        try
        {
            await breakers.Get(BreakerName(model), ex => ex is ModelScoringException).ExecuteAsync(_ =>
            {
                if (!TryScore(model, rows, risks)) throw new ModelScoringException($"{model.Name} v{model.Version} produced a logit that is not a finite number");
                return Task.FromResult(true);
            }, cancellationToken);
            return new ScoredRows(model, rows, risks, choice.Degraded);
        }
        catch (Exception ex) when (ex is ModelScoringException or BrokenCircuitException)
        {
            if (choice.Fallback is not { } fallback) throw new ModelUnavailableException($"{model.Name} v{model.Version} cannot score and no earlier version is loaded");
            // Never the input itself in the log: features are patient data.
            LogFallback(logger, model.Name, model.Version, fallback.Version, ex is BrokenCircuitException ? "its circuit breaker is open" : "it produced no usable score");
            var input = fallback.ReadsLike(model) ? rows : readFor(fallback)
                ?? throw new ModelUnavailableException($"{model.Name} v{model.Version} cannot score and v{fallback.Version} cannot read this input");
            if (!TryScore(fallback, input, risks)) throw new ModelUnavailableException($"neither {model.Name} v{model.Version} nor v{fallback.Version} produced a usable score");
            return new ScoredRows(fallback, input, risks, Degraded: true);
        }
    }

    // A usable score has a finite logit: an overflowing model gives ±∞ (a risk of exactly 0 or 1
    // that no explanation can add up to) or NaN.
    private static bool TryScore(RiskModel model, FeatureMatrix rows, double[] risks)
    {
        model.Logits(rows, risks);
        foreach (var logit in risks) if (!double.IsFinite(logit)) return false;
        TensorPrimitives.Sigmoid(risks, risks);
        return true;
    }

    [LoggerMessage(LogLevel.Warning, "Model {Name} v{Version} could not score ({Why}); v{Fallback} served instead")]
    private static partial void LogFallback(ILogger logger, string name, int version, int fallback, string why);
}
