namespace Platform.Tests.Infrastructure.Otlp;

/// <summary>
/// Reads the protobuf wire format (varint, 64-bit, length-delimited, 32-bit fields): just enough
/// to decode the OTLP messages the receiver checks, without generated code or Google.Protobuf.
/// </summary>
public sealed class ProtobufReader(ReadOnlyMemory<byte> data)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private int _position;

    public bool TryReadTag(out int field, out int wireType)
    {
        if (_position >= data.Length)
        {
            field = wireType = 0;
            return false;
        }
        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field == 0) throw new InvalidDataException($"Field number 0 at offset {_position}.");
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= data.Length) throw new InvalidDataException("Truncated varint.");
            var b = data.Span[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("Varint longer than 10 bytes.");
    }

    public ReadOnlyMemory<byte> ReadBytes()
    {
        var length = checked((int)ReadVarint());
        if (length < 0 || _position + length > data.Length) throw new InvalidDataException("Length-delimited field runs past the end.");
        var slice = data.Slice(_position, length);
        _position += length;
        return slice;
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes().Span);

    public ProtobufReader ReadMessage() => new(ReadBytes());

    public ulong ReadFixed64()
    {
        if (_position + 8 > data.Length) throw new InvalidDataException("Truncated fixed64.");
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(data.Span[_position..]);
        _position += 8;
        return value;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint: ReadVarint(); break;
            case Fixed64: ReadFixed64(); break;
            case LengthDelimited: ReadBytes(); break;
            case Fixed32:
                if (_position + 4 > data.Length) throw new InvalidDataException("Truncated fixed32.");
                _position += 4;
                break;
            default: throw new InvalidDataException($"Unsupported wire type {wireType}.");
        }
    }
}
