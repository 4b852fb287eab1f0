namespace StratosBridge.Chains.Evm.Rlp;

/// <summary>
/// Recursive Length Prefix encoding (Ethereum Yellow Paper, appendix B). <see cref="Decode"/> is strict:
/// it accepts only the canonical encoding of exactly one item, so every accepted input re-encodes to itself.
/// </summary>
public static class RlpCodec
{
    /// <summary>Deepest list nesting <see cref="Decode"/> accepts.</summary>
    public const int MaxDepth = 128;

    /// <summary>The RLP encoding of <paramref name="item"/>.</summary>
    public static byte[] Encode(RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var output = new byte[EncodedLength(item)];
        var written = Write(item, output);
        return written == output.Length ? output : throw new InvalidOperationException("RLP size mismatch");
    }

    /// <summary>The RLP encoding of one byte string.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> bytes) => Encode(RlpItem.FromBytes(bytes));

    /// <summary>
    /// Decodes exactly one canonically encoded item that spans the whole input.
    /// Throws <see cref="FormatException"/> on truncation, trailing bytes or any non-canonical length form.
    /// </summary>
    public static RlpItem Decode(ReadOnlySpan<byte> encoded)
    {
        var item = Read(encoded, 0, out var consumed);
        if (consumed != encoded.Length)
        {
            throw new FormatException($"RLP: {encoded.Length - consumed} trailing bytes after the item");
        }
        return item;
    }

    private static int EncodedLength(RlpItem item)
    {
        if (!item.IsList)
        {
            var bytes = item.Bytes;
            return bytes.Length == 1 && bytes[0] < 0x80 ? 1 : HeaderLength(bytes.Length) + bytes.Length;
        }
        var payload = PayloadLength(item);
        return HeaderLength(payload) + payload;
    }

    private static int PayloadLength(RlpItem list)
    {
        var total = 0;
        foreach (var child in list.Items)
        {
            total = checked(total + EncodedLength(child));
        }
        return total;
    }

    private static int HeaderLength(int payloadLength) => payloadLength < 56 ? 1 : 1 + MinimalLength((ulong)payloadLength);

    private static int MinimalLength(ulong value)
    {
        var n = 0;
        for (; value != 0; value >>= 8)
        {
            n++;
        }
        return n;
    }

    private static int Write(RlpItem item, Span<byte> output)
    {
        if (!item.IsList)
        {
            var bytes = item.Bytes;
            if (bytes.Length == 1 && bytes[0] < 0x80)
            {
                output[0] = bytes[0];
                return 1;
            }
            var header = WriteHeader(0x80, bytes.Length, output);
            bytes.CopyTo(output[header..]);
            return header + bytes.Length;
        }
        var offset = WriteHeader(0xc0, PayloadLength(item), output);
        foreach (var child in item.Items)
        {
            offset += Write(child, output[offset..]);
        }
        return offset;
    }

    private static int WriteHeader(byte offset, int payloadLength, Span<byte> output)
    {
        if (payloadLength < 56)
        {
            output[0] = (byte)(offset + payloadLength);
            return 1;
        }
        var lengthOfLength = MinimalLength((ulong)payloadLength);
        output[0] = (byte)(offset + 55 + lengthOfLength);
        for (var i = 0; i < lengthOfLength; i++)
        {
            output[lengthOfLength - i] = (byte)(payloadLength >> (8 * i));
        }
        return 1 + lengthOfLength;
    }

    private static RlpItem Read(ReadOnlySpan<byte> input, int depth, out int consumed)
    {
        if (input.IsEmpty)
        {
            throw new FormatException("RLP: unexpected end of input");
        }
        var prefix = input[0];
        if (prefix < 0x80)
        {
            consumed = 1;
            return RlpItem.FromBytes(input[..1]);
        }
        var isList = prefix >= 0xc0;
        var shortForm = (isList ? prefix - 0xc0 : prefix - 0x80) <= 55;
        int headerLength, payloadLength;
        if (shortForm)
        {
            headerLength = 1;
            payloadLength = isList ? prefix - 0xc0 : prefix - 0x80;
        }
        else
        {
            var lengthOfLength = isList ? prefix - 0xf7 : prefix - 0xb7;
            if (input.Length < 1 + lengthOfLength)
            {
                throw new FormatException("RLP: truncated length");
            }
            var lengthBytes = input.Slice(1, lengthOfLength);
            if (lengthBytes[0] == 0)
            {
                throw new FormatException("RLP: length has a leading zero byte");
            }
            if (lengthOfLength > 4)
            {
                throw new FormatException("RLP: length does not fit in 32 bits");
            }
            ulong length = 0;
            foreach (var b in lengthBytes)
            {
                length = (length << 8) | b;
            }
            if (length < 56)
            {
                throw new FormatException("RLP: long length form used for a payload shorter than 56 bytes");
            }
            if (length > int.MaxValue)
            {
                throw new FormatException("RLP: payload too long");
            }
            headerLength = 1 + lengthOfLength;
            payloadLength = (int)length;
        }
        if ((long)input.Length - headerLength < payloadLength)
        {
            throw new FormatException("RLP: payload runs past the end of input");
        }
        var payload = input.Slice(headerLength, payloadLength);
        consumed = headerLength + payloadLength;
        if (!isList)
        {
            if (payloadLength == 1 && payload[0] < 0x80)
            {
                throw new FormatException("RLP: a single byte below 0x80 must encode as itself");
            }
            return RlpItem.FromBytes(payload);
        }
        if (depth >= MaxDepth)
        {
            throw new FormatException($"RLP: lists nested deeper than {MaxDepth}");
        }
        var items = new List<RlpItem>();
        while (!payload.IsEmpty)
        {
            items.Add(Read(payload, depth + 1, out var used));
            payload = payload[used..];
        }
        return RlpItem.List(items);
    }
}
