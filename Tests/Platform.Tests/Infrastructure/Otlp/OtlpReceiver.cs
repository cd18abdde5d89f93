using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Tests.Infrastructure.Otlp;

/// <summary>
/// An OTLP collector for tests, speaking both transports an exporter may use: OTLP/HTTP with
/// protobuf bodies on <c>/v1/{traces,metrics,logs}</c>, and OTLP/gRPC (HTTP/2 without TLS,
/// length-prefixed messages, <c>grpc-status</c> trailer) on the collector services' methods.
/// Stands in for Jaeger or an OpenTelemetry Collector, neither of which exists here.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ExportedSpan> Spans { get; } = new();

    public ConcurrentQueue<ExportedLogRecord> Logs { get; } = new();

    public ConcurrentQueue<string> MetricNames { get; } = new();

    /// <summary>Request paths and content types seen, e.g. "/v1/traces application/x-protobuf".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Base address for OTLP/HTTP (<c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>).</summary>
    public Uri HttpEndpoint { get; private set; } = null!;

    /// <summary>Address for OTLP/gRPC (the exporter's default protocol).</summary>
    public Uri GrpcEndpoint { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1);
            // Cleartext HTTP/2 needs an HTTP/2-only endpoint (prior knowledge, no upgrade).
            kestrel.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);

        app.MapPost("/v1/traces", (HttpContext context) => receiver.HandleHttpAsync(context, "traces"));
        app.MapPost("/v1/metrics", (HttpContext context) => receiver.HandleHttpAsync(context, "metrics"));
        app.MapPost("/v1/logs", (HttpContext context) => receiver.HandleHttpAsync(context, "logs"));
        app.MapPost("/opentelemetry.proto.collector.trace.v1.TraceService/Export", (HttpContext context) => receiver.HandleGrpcAsync(context, "traces"));
        app.MapPost("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export", (HttpContext context) => receiver.HandleGrpcAsync(context, "metrics"));
        app.MapPost("/opentelemetry.proto.collector.logs.v1.LogsService/Export", (HttpContext context) => receiver.HandleGrpcAsync(context, "logs"));

        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).ToList();
        // Kestrel reports addresses in the order the endpoints were configured.
        receiver.HttpEndpoint = addresses[0];
        receiver.GrpcEndpoint = addresses[1];
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleHttpAsync(HttpContext context, string signal)
    {
        Requests.Enqueue($"{context.Request.Path} {context.Request.ContentType}");
        if (context.Request.ContentType != "application/x-protobuf")
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        Accept(signal, await ReadBodyAsync(context));
        // An empty Export*ServiceResponse means full success.
        context.Response.ContentType = "application/x-protobuf";
    }

    private async Task HandleGrpcAsync(HttpContext context, string signal)
    {
        Requests.Enqueue($"{context.Request.Path} {context.Request.ContentType} {context.Request.Protocol}");
        context.Response.ContentType = "application/grpc";
        var body = await ReadBodyAsync(context);
        // gRPC framing: 1 byte compressed flag, 4 bytes big-endian length, then the message.
        if (body.Length < 5 || body[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1)) != body.Length - 5)
        {
            context.Response.AppendTrailer("grpc-status", "3"); // INVALID_ARGUMENT
            context.Response.AppendTrailer("grpc-message", "expected one uncompressed length-prefixed message");
            return;
        }
        Accept(signal, body.AsMemory(5));
        await context.Response.Body.WriteAsync(new byte[5]); // an empty response message
        context.Response.AppendTrailer("grpc-status", "0");
    }

    private void Accept(string signal, ReadOnlyMemory<byte> message)
    {
        switch (signal)
        {
            case "traces": foreach (var span in OtlpDecoder.DecodeTraces(message)) Spans.Enqueue(span); break;
            case "logs": foreach (var log in OtlpDecoder.DecodeLogs(message)) Logs.Enqueue(log); break;
            default: foreach (var name in OtlpDecoder.DecodeMetricNames(message)) MetricNames.Enqueue(name); break;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }
}
