namespace Platform.Tests.Infrastructure.Otlp;

/// <summary>A log record as received over OTLP.</summary>
public sealed record ExportedLogRecord(string Service, string Body, string TraceId, string SpanId, int SeverityNumber);
