using System.Globalization;

namespace StratosBridge.Chains.Evm.Abi;

/// <summary>
/// Reads ABI type and signature text: "uint256", "(address,bytes)[2]", "transfer(address to, uint256 amount)",
/// "Transfer(address indexed from, address indexed to, uint256 value)", "balanceOf(address)(uint256)",
/// "function f(uint256) returns (bool)". Every failure is a <see cref="FormatException"/>.
/// </summary>
internal sealed class AbiSignatureReader(string text)
{
    private int _pos;
    private int _depth;

    /// <summary>Parses "[keyword] Name(params)[ returns](outputs)?" (keyword: function, event or error).</summary>
    public static (string Name, IReadOnlyList<AbiParameter> Inputs, IReadOnlyList<AbiParameter> Outputs) ReadSignature(
        string text, string keyword, bool allowIndexed, bool allowOutputs)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new AbiSignatureReader(text);
        reader.SkipSpace();
        var name = reader.ReadIdentifier("a name");
        if (name == keyword)
        {
            reader.SkipSpace();
            name = reader.ReadIdentifier("a name");
        }
        var inputs = reader.ReadParameterList(allowIndexed);
        IReadOnlyList<AbiParameter> outputs = [];
        reader.SkipSpace();
        if (allowOutputs && !reader.AtEnd)
        {
            if (reader.Peek != '(')
            {
                var word = reader.ReadIdentifier("'returns' or '('");
                if (word != "returns")
                {
                    throw reader.Error($"unexpected '{word}'");
                }
                reader.SkipSpace();
            }
            outputs = reader.ReadParameterList(allowIndexed: false);
        }
        reader.ExpectEnd();
        return (name, inputs, outputs);
    }

    private bool AtEnd => _pos >= text.Length;

    private char Peek => _pos < text.Length ? text[_pos] : '\0';

    public AbiType ReadType()
    {
        try
        {
            SkipSpace();
            AbiType type;
            if (Peek == '(')
            {
                type = ReadTuple();
            }
            else
            {
                var start = _pos;
                var word = ReadIdentifier("a type");
                type = word == "tuple" && Peek == '(' ? ReadTuple() : Elementary(word, start);
            }
            while (Peek == '[')
            {
                _pos++;
                var digitsStart = _pos;
                while (char.IsAsciiDigit(Peek))
                {
                    _pos++;
                }
                var digits = text[digitsStart.._pos];
                Expect(']');
                type = digits.Length == 0 ? AbiType.ArrayOf(type) : AbiType.FixedArrayOf(type, ParseSize(digits, digitsStart));
            }
            return type;
        }
        catch (ArgumentException e)
        {
            throw Error(e.Message);
        }
    }

    public void ExpectEnd()
    {
        SkipSpace();
        if (!AtEnd)
        {
            throw Error($"unexpected '{text[_pos]}'");
        }
    }

    private List<AbiParameter> ReadParameterList(bool allowIndexed)
    {
        if (++_depth > AbiType.MaxDepth)
        {
            throw Error($"nested deeper than {AbiType.MaxDepth}");
        }
        SkipSpace();
        Expect('(');
        var parameters = new List<AbiParameter>();
        SkipSpace();
        if (Peek == ')')
        {
            _pos++;
            _depth--;
            return parameters;
        }
        while (true)
        {
            var type = ReadType();
            SkipSpace();
            var indexed = false;
            string? name = null;
            if (IsIdentifierStart(Peek))
            {
                var word = ReadIdentifier("a name");
                if (allowIndexed && word == "indexed")
                {
                    indexed = true;
                    SkipSpace();
                    if (IsIdentifierStart(Peek))
                    {
                        name = ReadIdentifier("a name");
                    }
                }
                else
                {
                    name = word;
                }
                SkipSpace();
            }
            parameters.Add(new AbiParameter(type, name, indexed));
            if (Peek == ',')
            {
                _pos++;
                continue;
            }
            Expect(')');
            _depth--;
            return parameters;
        }
    }

    private AbiType ReadTuple()
    {
        var start = _pos;
        var components = ReadParameterList(allowIndexed: false);
        if (components.Count == 0)
        {
            throw Error("an empty tuple is not a valid ABI type", start);
        }
        return AbiType.Tuple(components.Select(p => p.Type));
    }

    private AbiType Elementary(string word, int start)
    {
        switch (word)
        {
            case "address": return AbiType.Address;
            case "bool": return AbiType.Bool;
            case "string": return AbiType.String;
            case "bytes": return AbiType.Bytes;
            case "uint": return AbiType.UInt256;
            case "int": return AbiType.Int(256);
        }
        foreach (var (prefix, make) in new (string, Func<int, AbiType>)[]
                 { ("uint", AbiType.UInt), ("int", AbiType.Int), ("bytes", AbiType.FixedBytes) })
        {
            if (word.Length > prefix.Length && word.StartsWith(prefix, StringComparison.Ordinal)
                && !word.AsSpan(prefix.Length).ContainsAnyExceptInRange('0', '9'))
            {
                return make(ParseSize(word[prefix.Length..], start + prefix.Length));
            }
        }
        throw Error($"unknown type '{word}'", start);
    }

    private int ParseSize(string digits, int at)
    {
        if (digits.Length > 9 || (digits.Length > 1 && digits[0] == '0'))
        {
            throw Error($"bad size '{digits}'", at);
        }
        return int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private string ReadIdentifier(string what)
    {
        var start = _pos;
        if (!IsIdentifierStart(Peek))
        {
            throw Error($"expected {what}");
        }
        while (IsIdentifierStart(Peek) || char.IsAsciiDigit(Peek))
        {
            _pos++;
        }
        return text[start.._pos];
    }

    private void Expect(char c)
    {
        if (Peek != c)
        {
            throw Error(AtEnd ? $"expected '{c}' but the text ended" : $"expected '{c}' but found '{Peek}'");
        }
        _pos++;
    }

    private void SkipSpace()
    {
        while (Peek is ' ' or '\t' or '\n' or '\r')
        {
            _pos++;
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';

    private FormatException Error(string message, int? at = null) =>
        new($"ABI signature '{text}': {message} (at {at ?? _pos})");
}
