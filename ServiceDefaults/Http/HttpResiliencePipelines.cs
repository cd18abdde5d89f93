using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// One pipeline per named HTTP client, kept in a registry so the circuit breaker's state
/// survives HttpClientFactory's handler rotation: total timeout → retry (idempotent requests,
/// jittered exponential backoff) → circuit breaker → per-attempt timeout.
/// </summary>
public sealed class HttpResiliencePipelines(ResiliencePipelineRegistry<string> registry, IOptions<HttpResilienceOptions> options)
{
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("platform.http.request");

    public ResiliencePipeline<HttpResponseMessage> For(string clientName) =>
        registry.GetOrAddPipeline<HttpResponseMessage>("http:" + clientName, builder => Build(builder, options.Value));

    private static void Build(ResiliencePipelineBuilder<HttpResponseMessage> builder, HttpResilienceOptions o)
    {
        builder.AddTimeout(o.TotalTimeout);
        if (o.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && IsIdempotent(args.Context)),
                MaxRetryAttempts = o.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
            });
        }
        builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsUnhealthy(args.Outcome)),
                FailureRatio = o.BreakerFailureRatio,
                MinimumThroughput = o.BreakerMinimumThroughput,
                SamplingDuration = o.BreakerSamplingDuration,
                BreakDuration = o.BreakerBreakDuration,
            })
            .AddTimeout(o.AttemptTimeout);
    }

    /// <summary>Worth another attempt: the dependency failed, or asked the caller to slow down (429).</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        IsUnhealthy(outcome) || outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>
    /// What the breaker counts: the dependency failing. A 429 is its answer about one caller (a
    /// tenant out of quota): counted, one tenant's exhausted quota would cut every tenant off.
    /// </summary>
    internal static bool IsUnhealthy(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500,
        _ => false,
    };

    private static bool IsIdempotent(ResilienceContext context) =>
        context.Properties.TryGetValue(RequestKey, out var request)
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
            || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete);
}
