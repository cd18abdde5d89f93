using System.Net;
using System.Text.Json;
using Platform.Tests.Infrastructure;
using Platform.Tests.Infrastructure.Otlp;

namespace Platform.Tests.Foundation;

/// <summary>
/// With OTEL_EXPORTER_OTLP_ENDPOINT set, a service exports traces, metrics and logs over OTLP to
/// a real receiver, over both transports the exporter offers.
/// </summary>
public sealed class TelemetryExportTests(PlatformServers servers)
{
    private static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Over_otlp_http_a_request_exports_its_spans_with_the_callers_trace_its_logs_and_the_http_metrics()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var platform = await StartAsync(PlatformProject.Observability, new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Hosting logs "Request starting/finished" inside the request's activity.
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        var (traceId, callerSpan) = NewTrace();

        await GetAsync(platform[PlatformProject.Observability].BaseAddress, "/v1/observability/services", traceId, callerSpan, HttpStatusCode.OK);

        var server = await WaitForSpanAsync(receiver, s => s.TraceId == traceId && s.Scope == "Microsoft.AspNetCore");
        Assert.Equal("observability", server.Service);
        Assert.Equal(callerSpan, server.ParentSpanId);
        Assert.Equal(2, server.Kind); // SPAN_KIND_SERVER
        // The endpoint reads PostgreSQL: Npgsql's span is part of the same trace.
        var query = await WaitForSpanAsync(receiver, s => s.TraceId == traceId && s.Scope == "Npgsql");
        Assert.Equal(3, query.Kind); // SPAN_KIND_CLIENT
        Assert.NotEqual(callerSpan, query.ParentSpanId);

        var log = await Eventually.Until(() => Task.FromResult(receiver.Logs.FirstOrDefault(l => l.TraceId == traceId)), l => l is not null, ExportTimeout, "a log record carrying the trace id");
        Assert.Equal("observability", log!.Service);
        Assert.False(string.IsNullOrEmpty(log.SpanId));

        // The same record on the console: one JSON object per line, trace and span ids in its scope.
        var console = platform[PlatformProject.Observability].Process.Tail()
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(entry => entry.TryGetProperty("Scopes", out var scopes) && scopes.EnumerateArray().Any(scope =>
                scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out var id) && id.GetString() == traceId))
            .ToList();
        Assert.NotEmpty(console);
        Assert.Contains(console, entry => entry.GetProperty("Scopes").EnumerateArray()
            .Any(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("SpanId", out var id) && id.GetString() == server.SpanId));

        await Eventually.Until(() => Task.FromResult(receiver.MetricNames.ToArray()), names => names.Contains("http.server.request.duration"), ExportTimeout, "the ASP.NET Core request duration metric");
        Assert.Contains(receiver.Requests, r => r == "/v1/traces application/x-protobuf");
        Assert.Contains(receiver.Requests, r => r == "/v1/logs application/x-protobuf");
    }

    [Fact]
    public async Task Over_otlp_grpc_the_default_protocol_spans_arrive_over_http2()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var platform = await StartAsync(PlatformProject.Prediction, new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.GrpcEndpoint.ToString(),
        });
        var (traceId, callerSpan) = NewTrace();

        await GetAsync(platform[PlatformProject.Prediction].BaseAddress, "/v1/predictions/no-such-resource", traceId, callerSpan, HttpStatusCode.NotFound);

        var server = await WaitForSpanAsync(receiver, s => s.TraceId == traceId && s.Scope == "Microsoft.AspNetCore");
        Assert.Equal("prediction", server.Service);
        Assert.Equal(callerSpan, server.ParentSpanId);
        Assert.Contains(receiver.Requests, r => r.StartsWith("/opentelemetry.proto.collector.trace.v1.TraceService/Export application/grpc HTTP/2", StringComparison.Ordinal));
    }

    private Task<RunningPlatform> StartAsync(PlatformProject project, Dictionary<string, string?> environment)
    {
        // Short export intervals so the test does not wait for the 5 s / 60 s defaults.
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        environment["OTEL_BLRP_SCHEDULE_DELAY"] = "200";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        return RunningPlatform.StartAsync(servers, TestTags.New("otlp"), extraEnvironment: environment, withGateway: false, services: [project]);
    }

    private static (string TraceId, string SpanId) NewTrace() =>
        (Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8]));

    private static async Task GetAsync(Uri baseAddress, string path, string traceId, string callerSpan, HttpStatusCode expected)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
    }

    private static async Task<ExportedSpan> WaitForSpanAsync(OtlpReceiver receiver, Func<ExportedSpan, bool> match) =>
        (await Eventually.Until(() => Task.FromResult(receiver.Spans.FirstOrDefault(match)), s => s is not null, ExportTimeout, "an exported span"))!;
}
