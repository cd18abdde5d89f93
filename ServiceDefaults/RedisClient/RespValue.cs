using System.Text;

namespace Platform.ServiceDefaults.RedisClient;

/// <summary>One RESP2 reply: a simple string, an error, an integer, a bulk string, an array, or nil.</summary>
public sealed class RespValue
{
    public static readonly RespValue Null = new(RespType.Null);

    private RespValue(RespType type, string? text = null, long number = 0, byte[]? bulk = null, RespValue[]? items = null) =>
        (Type, Text, Number, Bulk, Items) = (type, text, number, bulk, items);

    public RespType Type { get; }

    /// <summary>A simple string's or an error's text.</summary>
    public string? Text { get; }

    public long Number { get; }

    public byte[]? Bulk { get; }

    public IReadOnlyList<RespValue>? Items { get; }

    public bool IsNull => Type == RespType.Null;

    public static RespValue Simple(string text) => new(RespType.SimpleString, text);

    public static RespValue Error(string text) => new(RespType.Error, text);

    public static RespValue FromInteger(long value) => new(RespType.Number, number: value);

    public static RespValue FromBulk(byte[] bytes) => new(RespType.BulkString, bulk: bytes);

    public static RespValue FromArray(RespValue[] items) => new(RespType.Array, items: items);

    /// <summary>The value as text: a simple string, a bulk string (UTF-8) or an integer; null for nil.</summary>
    public string? AsString() => Type switch
    {
        RespType.SimpleString or RespType.Error => Text,
        RespType.BulkString => Encoding.UTF8.GetString(Bulk!),
        RespType.Number => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    public long AsInt64() => Type switch
    {
        RespType.Number => Number,
        RespType.BulkString or RespType.SimpleString when long.TryParse(AsString(), System.Globalization.CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new InvalidCastException($"A {Type} reply is not an integer."),
    };

    public override string ToString() => Type switch
    {
        RespType.Array => $"[{string.Join(", ", Items!)}]",
        RespType.Null => "(nil)",
        _ => AsString() ?? "",
    };
}
