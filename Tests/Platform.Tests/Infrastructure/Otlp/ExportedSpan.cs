namespace Platform.Tests.Infrastructure.Otlp;

/// <summary>A span as received over OTLP; ids in lowercase hex, as in <c>traceparent</c>.</summary>
public sealed record ExportedSpan(
    string Service,
    string Scope,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    int Kind,
    IReadOnlyDictionary<string, string> Attributes);
