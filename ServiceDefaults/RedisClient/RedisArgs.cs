using System.Globalization;
using System.Text;

namespace Platform.ServiceDefaults.RedisClient;

/// <summary>Command arguments as the bytes RESP sends.</summary>
public static class RedisArgs
{
    public static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);

    public static byte[] Number(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    public static byte[][] Of(params object[] values) => [.. values.Select(v => v switch
    {
        byte[] bytes => bytes,
        string text => Utf8(text),
        int i => Number(i),
        long l => Number(l),
        double d => Encoding.ASCII.GetBytes(d.ToString("R", CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"Cannot send a {v.GetType().Name} to Redis.", nameof(values)),
    })];
}
