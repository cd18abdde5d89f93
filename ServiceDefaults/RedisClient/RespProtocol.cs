using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Platform.ServiceDefaults.RedisClient;

/// <summary>RESP2 framing: commands out as arrays of bulk strings, replies in, parsed incrementally.</summary>
public static class RespProtocol
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    /// <summary>
    /// One command (<c>*n</c>, then <c>$len</c> and the bytes of each argument) in one array of
    /// its exact size. A growing buffer and its final copy allocated ~4 times that: a quarter of
    /// the gateway's allocations under single predictions, whose idempotency record carries the
    /// whole response.
    /// </summary>
    public static byte[] Command(IReadOnlyList<byte[]> arguments)
    {
        var size = HeaderLength(arguments.Count);
        foreach (var argument in arguments) size += HeaderLength(argument.Length) + argument.Length + CrLf.Length;
        var command = new byte[size];
        var span = command.AsSpan();
        var at = WriteHeader(span, (byte)'*', arguments.Count);
        foreach (var argument in arguments)
        {
            at += WriteHeader(span[at..], (byte)'$', argument.Length);
            argument.CopyTo(span[at..]);
            at += argument.Length;
            CrLf.CopyTo(span[at..]);
            at += CrLf.Length;
        }
        return command;
    }

    /// <summary>
    /// Reads one complete reply from the reader; false (and nothing
    /// consumed) when the reply has not fully arrived yet.
    /// </summary>
    public static bool TryRead(ref SequenceReader<byte> reader, out RespValue value)
    {
        var consumedAtStart = reader.Consumed;
        if (TryReadValue(ref reader, out value)) return true;
        reader.Rewind(reader.Consumed - consumedAtStart);
        value = RespValue.Null;
        return false;
    }

    private static bool TryReadValue(ref SequenceReader<byte> reader, out RespValue value)
    {
        value = RespValue.Null;
        if (!reader.TryRead(out var prefix) || !reader.TryReadTo(out ReadOnlySequence<byte> line, CrLf)) return false;
        switch (prefix)
        {
            case (byte)'+':
                value = RespValue.Simple(Encoding.UTF8.GetString(line));
                return true;
            case (byte)'-':
                value = RespValue.Error(Encoding.UTF8.GetString(line));
                return true;
            case (byte)':':
                value = RespValue.FromInteger(ParseInteger(line));
                return true;
            case (byte)'$':
            {
                var length = ParseInteger(line);
                if (length < 0) return true; // nil
                if (reader.Remaining < length + 2) return false;
                var bytes = new byte[length];
                reader.TryCopyTo(bytes);
                reader.Advance(length);
                if (!reader.IsNext(CrLf, advancePast: true)) throw new RespProtocolException("A bulk string did not end with CRLF.");
                value = RespValue.FromBulk(bytes);
                return true;
            }
            case (byte)'*':
            {
                var count = ParseInteger(line);
                if (count < 0) return true; // nil array
                var items = new RespValue[count];
                for (var i = 0; i < count; i++)
                    if (!TryReadValue(ref reader, out items[i])) return false;
                value = RespValue.FromArray(items);
                return true;
            }
            default:
                throw new RespProtocolException($"Unexpected reply type byte 0x{prefix:x2}.");
        }
    }

    private static long ParseInteger(ReadOnlySequence<byte> line)
    {
        Span<byte> digits = stackalloc byte[32];
        if (line.Length > digits.Length) throw new RespProtocolException("An integer line is too long.");
        line.CopyTo(digits);
        return Utf8Parser.TryParse(digits[..(int)line.Length], out long value, out var used) && used == line.Length
            ? value
            : throw new RespProtocolException("An integer line is not a number.");
    }

    // "*3\r\n", "$12\r\n": the prefix, the number, CR LF.
    private static int HeaderLength(int number) => 1 + DecimalDigits(number) + 2;

    private static int DecimalDigits(int number)
    {
        var digits = 1;
        for (; number >= 10; number /= 10) digits++;
        return digits;
    }

    private static int WriteHeader(Span<byte> output, byte prefix, int number)
    {
        output[0] = prefix;
        Utf8Formatter.TryFormat(number, output[1..], out var written);
        output[1 + written] = (byte)'\r';
        output[2 + written] = (byte)'\n';
        return 3 + written;
    }
}
