namespace Platform.Tests.Infrastructure.Otlp;

/// <summary>
/// Decodes OTLP export requests (opentelemetry/proto collector v1). Field numbers are those of
/// the published .proto files; fields the tests do not look at are skipped.
/// </summary>
public static class OtlpDecoder
{
    /// <summary>ExportTraceServiceRequest → ResourceSpans(1) → ScopeSpans(2) → Span(2).</summary>
    public static List<ExportedSpan> DecodeTraces(ReadOnlyMemory<byte> body)
    {
        var spans = new List<ExportedSpan>();
        foreach (var (service, scopeGroup) in ResourceGroups(body))
        {
            foreach (var (scope, items) in ScopeGroups(scopeGroup))
            {
                foreach (var item in items) spans.Add(DecodeSpan(service, scope, item));
            }
        }
        return spans;
    }

    /// <summary>ExportLogsServiceRequest → ResourceLogs(1) → ScopeLogs(2) → LogRecord(2).</summary>
    public static List<ExportedLogRecord> DecodeLogs(ReadOnlyMemory<byte> body)
    {
        var logs = new List<ExportedLogRecord>();
        foreach (var (service, scopeGroup) in ResourceGroups(body))
        {
            foreach (var (_, items) in ScopeGroups(scopeGroup))
            {
                foreach (var item in items) logs.Add(DecodeLogRecord(service, item));
            }
        }
        return logs;
    }

    /// <summary>ExportMetricsServiceRequest → ResourceMetrics(1) → ScopeMetrics(2) → Metric(2), name(1).</summary>
    public static List<string> DecodeMetricNames(ReadOnlyMemory<byte> body)
    {
        var names = new List<string>();
        foreach (var (_, scopeGroup) in ResourceGroups(body))
        {
            foreach (var (_, items) in ScopeGroups(scopeGroup))
            {
                foreach (var item in items)
                {
                    var metric = new ProtobufReader(item);
                    while (metric.TryReadTag(out var field, out var wire))
                    {
                        if (field == 1 && wire == ProtobufReader.LengthDelimited) names.Add(metric.ReadString());
                        else metric.Skip(wire);
                    }
                }
            }
        }
        return names;
    }

    // Resource{Spans,Logs,Metrics}: resource(1), scope_*(2). Returns service.name and the scope groups.
    private static IEnumerable<(string Service, List<ReadOnlyMemory<byte>> ScopeGroups)> ResourceGroups(ReadOnlyMemory<byte> body)
    {
        var request = new ProtobufReader(body);
        while (request.TryReadTag(out var field, out var wire))
        {
            if (field != 1 || wire != ProtobufReader.LengthDelimited) { request.Skip(wire); continue; }
            var group = request.ReadMessage();
            var service = "";
            var scopes = new List<ReadOnlyMemory<byte>>();
            while (group.TryReadTag(out var f, out var w))
            {
                if (f == 1 && w == ProtobufReader.LengthDelimited)
                {
                    // Resource: attributes(1)
                    var resource = group.ReadMessage();
                    while (resource.TryReadTag(out var rf, out var rw))
                    {
                        if (rf == 1 && rw == ProtobufReader.LengthDelimited)
                        {
                            var (key, value) = DecodeKeyValue(resource.ReadBytes());
                            if (key == "service.name") service = value;
                        }
                        else resource.Skip(rw);
                    }
                }
                else if (f == 2 && w == ProtobufReader.LengthDelimited) scopes.Add(group.ReadBytes());
                else group.Skip(w);
            }
            yield return (service, scopes);
        }
    }

    // Scope{Spans,Logs,Metrics}: scope(1) with name(1), items(2).
    private static IEnumerable<(string Scope, List<ReadOnlyMemory<byte>> Items)> ScopeGroups(List<ReadOnlyMemory<byte>> groups)
    {
        foreach (var bytes in groups)
        {
            var group = new ProtobufReader(bytes);
            var scope = "";
            var items = new List<ReadOnlyMemory<byte>>();
            while (group.TryReadTag(out var field, out var wire))
            {
                if (field == 1 && wire == ProtobufReader.LengthDelimited)
                {
                    var instrumentationScope = group.ReadMessage();
                    while (instrumentationScope.TryReadTag(out var sf, out var sw))
                    {
                        if (sf == 1 && sw == ProtobufReader.LengthDelimited) scope = instrumentationScope.ReadString();
                        else instrumentationScope.Skip(sw);
                    }
                }
                else if (field == 2 && wire == ProtobufReader.LengthDelimited) items.Add(group.ReadBytes());
                else group.Skip(wire);
            }
            yield return (scope, items);
        }
    }

    // Span: trace_id(1) span_id(2) parent_span_id(4) name(5) kind(6) attributes(9).
    private static ExportedSpan DecodeSpan(string service, string scope, ReadOnlyMemory<byte> bytes)
    {
        var span = new ProtobufReader(bytes);
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = 0;
        var attributes = new Dictionary<string, string>();
        while (span.TryReadTag(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtobufReader.LengthDelimited): traceId = Hex(span.ReadBytes()); break;
                case (2, ProtobufReader.LengthDelimited): spanId = Hex(span.ReadBytes()); break;
                case (4, ProtobufReader.LengthDelimited): parent = Hex(span.ReadBytes()); break;
                case (5, ProtobufReader.LengthDelimited): name = span.ReadString(); break;
                case (6, ProtobufReader.Varint): kind = (int)span.ReadVarint(); break;
                case (9, ProtobufReader.LengthDelimited):
                    var (key, value) = DecodeKeyValue(span.ReadBytes());
                    attributes[key] = value;
                    break;
                default: span.Skip(wire); break;
            }
        }
        return new ExportedSpan(service, scope, traceId, spanId, parent, name, kind, attributes);
    }

    // LogRecord: severity_number(2) body(5) trace_id(9) span_id(10).
    private static ExportedLogRecord DecodeLogRecord(string service, ReadOnlyMemory<byte> bytes)
    {
        var log = new ProtobufReader(bytes);
        string body = "", traceId = "", spanId = "";
        var severity = 0;
        while (log.TryReadTag(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (2, ProtobufReader.Varint): severity = (int)log.ReadVarint(); break;
                case (5, ProtobufReader.LengthDelimited): body = DecodeAnyValue(log.ReadBytes()); break;
                case (9, ProtobufReader.LengthDelimited): traceId = Hex(log.ReadBytes()); break;
                case (10, ProtobufReader.LengthDelimited): spanId = Hex(log.ReadBytes()); break;
                default: log.Skip(wire); break;
            }
        }
        return new ExportedLogRecord(service, body, traceId, spanId, severity);
    }

    // KeyValue: key(1) value(2).
    private static (string Key, string Value) DecodeKeyValue(ReadOnlyMemory<byte> bytes)
    {
        var pair = new ProtobufReader(bytes);
        string key = "", value = "";
        while (pair.TryReadTag(out var field, out var wire))
        {
            if (field == 1 && wire == ProtobufReader.LengthDelimited) key = pair.ReadString();
            else if (field == 2 && wire == ProtobufReader.LengthDelimited) value = DecodeAnyValue(pair.ReadBytes());
            else pair.Skip(wire);
        }
        return (key, value);
    }

    // AnyValue: string(1) bool(2) int(3) double(4); other kinds are left empty.
    private static string DecodeAnyValue(ReadOnlyMemory<byte> bytes)
    {
        var any = new ProtobufReader(bytes);
        var value = "";
        while (any.TryReadTag(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtobufReader.LengthDelimited): value = any.ReadString(); break;
                case (2, ProtobufReader.Varint): value = any.ReadVarint() != 0 ? "true" : "false"; break;
                case (3, ProtobufReader.Varint): value = ((long)any.ReadVarint()).ToString(System.Globalization.CultureInfo.InvariantCulture); break;
                case (4, ProtobufReader.Fixed64): value = BitConverter.UInt64BitsToDouble(any.ReadFixed64()).ToString(System.Globalization.CultureInfo.InvariantCulture); break;
                default: any.Skip(wire); break;
            }
        }
        return value;
    }

    private static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexStringLower(bytes.Span);
}
