using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// OTLP exporter settings from configuration. Outside the hosting package the exporter reads only
/// the process environment; reading <see cref="IConfiguration"/> makes appsettings and test
/// configuration work too, with the same OTEL_* names.
/// </summary>
internal sealed record OtlpExporterSettings(Uri Endpoint, OtlpExportProtocol Protocol, string? Headers)
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string HeadersKey = "OTEL_EXPORTER_OTLP_HEADERS";

    /// <summary>Null when no endpoint is configured, meaning: do not export.</summary>
    public static OtlpExporterSettings? From(IConfiguration configuration)
    {
        if (configuration[EndpointKey] is not { Length: > 0 } endpoint || string.IsNullOrWhiteSpace(endpoint)) return null;
        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"{EndpointKey} must be an absolute http(s) URL such as http://localhost:4317, not '{endpoint}'.");

        var protocol = configuration[ProtocolKey]?.Trim() switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"{ProtocolKey} must be 'grpc' or 'http/protobuf', not '{other}'."),
        };
        return new OtlpExporterSettings(uri, protocol, configuration[HeadersKey] is { Length: > 0 } headers ? headers : null);
    }

    /// <summary>Configures one signal's exporter ("traces", "metrics" or "logs").</summary>
    public void Apply(OtlpExporterOptions options, string signal)
    {
        options.Protocol = Protocol;
        // A base endpoint gets the per-signal path for OTLP/HTTP (as the specification asks of
        // OTEL_EXPORTER_OTLP_ENDPOINT); gRPC addresses the service, not a path.
        options.Endpoint = SignalEndpoint(signal);
        if (Headers is not null) options.Headers = Headers;
    }

    public Uri SignalEndpoint(string signal) => Protocol == OtlpExportProtocol.HttpProtobuf
        ? new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/v1/" + signal)
        : Endpoint;
}
