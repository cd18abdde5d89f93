using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Tests.Unit;

public sealed class OtlpExporterSettingsTests
{
    private static OtlpExporterSettings? Read(params (string Key, string Value)[] values) =>
        OtlpExporterSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Without_an_endpoint_nothing_is_exported() => Assert.Null(Read());

    [Theory]
    [InlineData("http://collector:4318", "http://collector:4318/v1/traces")]
    [InlineData("http://collector:4318/", "http://collector:4318/v1/traces")]
    [InlineData("https://collector/otlp/", "https://collector/otlp/v1/traces")]
    public void Otlp_http_appends_the_signal_path_to_the_base_endpoint(string endpoint, string expected)
    {
        var settings = Read((OtlpExporterSettings.EndpointKey, endpoint), (OtlpExporterSettings.ProtocolKey, "http/protobuf"))!;
        var options = new OtlpExporterOptions();

        settings.Apply(options, "traces");

        Assert.Equal(OtlpExportProtocol.HttpProtobuf, options.Protocol);
        Assert.Equal(new Uri(expected), options.Endpoint);
    }

    [Fact]
    public void Grpc_is_the_default_and_uses_the_endpoint_as_given_with_its_headers()
    {
        var settings = Read((OtlpExporterSettings.EndpointKey, "http://jaeger:4317"), (OtlpExporterSettings.HeadersKey, "x-api-key=secret"))!;
        var options = new OtlpExporterOptions();

        settings.Apply(options, "logs");

        Assert.Equal(OtlpExportProtocol.Grpc, options.Protocol);
        Assert.Equal(new Uri("http://jaeger:4317"), options.Endpoint);
        Assert.Equal("x-api-key=secret", options.Headers);
    }

    [Theory]
    [InlineData("jaeger:4317", null)]
    [InlineData("ftp://jaeger:4317", null)]
    [InlineData("http://jaeger:4317", "http/json")]
    public void A_malformed_endpoint_or_unsupported_protocol_stops_start_up_naming_the_key(string endpoint, string? protocol)
    {
        var values = protocol is null
            ? new[] { (OtlpExporterSettings.EndpointKey, endpoint) }
            : [(OtlpExporterSettings.EndpointKey, endpoint), (OtlpExporterSettings.ProtocolKey, protocol)];

        var error = Assert.Throws<InvalidOperationException>(() => Read(values));

        Assert.Contains(protocol is null ? OtlpExporterSettings.EndpointKey : OtlpExporterSettings.ProtocolKey, error.Message, StringComparison.Ordinal);
    }
}
