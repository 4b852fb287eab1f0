using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;

namespace StratosBridge.Pricing.Payments;

/// <summary>
/// An EIP-681 transaction request URL:
/// <c>ethereum:[pay-]&lt;target&gt;[@&lt;chain_id&gt;][/&lt;function_name&gt;][?&lt;key&gt;=&lt;value&gt;&amp;…]</c>, where a key is
/// <c>value</c>, <c>gas</c>, <c>gasLimit</c>, <c>gasPrice</c> or an ABI type naming the next function argument, and
/// numbers may use EIP-681's exponent form (<c>2.014e18</c>) as long as they are whole. Quotes use
/// <c>ethereum:&lt;OzonePayments&gt;@&lt;chainId&gt;/pay?bytes32=&lt;quoteId&gt;&amp;address=&lt;beneficiary&gt;&amp;value=&lt;wei&gt;</c>.
/// ENS targets are not supported; the target's hex is read in any case (EIP-681 does not require EIP-55).
/// </summary>
public sealed partial record Eip681Uri(EthAddress Target, long? ChainId, string? FunctionName, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    private static readonly HashSet<string> TransactionKeys = new(StringComparer.Ordinal) { "value", "gas", "gasLimit", "gasPrice" };

    /// <summary>The payment request of an Ozone quote: pay(quoteId, beneficiary) with <paramref name="value"/> wei (none for an open amount).</summary>
    public static Eip681Uri ForPay(EthAddress contract, long chainId, ReadOnlySpan<byte> quoteId, EthAddress beneficiary, BigInteger? value)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("bytes32", Hex.Encode(quoteId)),
            new("address", beneficiary.ToString()),
        };
        if (value is { } wei)
        {
            parameters.Add(new("value", wei.ToString(CultureInfo.InvariantCulture)));
        }
        return new Eip681Uri(contract, chainId, FunctionAttribute.GetAttribute<OzonePaymentsContract.PayFunction>().Name, parameters);
    }

    /// <summary>The <c>value</c> parameter in wei, if any.</summary>
    public BigInteger? Value => Parameters.Where(p => p.Key == "value").Select(p => (BigInteger?)ParseNumber(p.Value)).LastOrDefault();

    /// <summary>The function arguments: every parameter whose key is an ABI type, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Arguments => Parameters.Where(p => !TransactionKeys.Contains(p.Key)).ToList();

    /// <summary>
    /// The function this URL calls, with the argument types its parameters name (Nethereum's <see cref="FunctionABI"/>;
    /// <c>Signature</c> is e.g. "pay(bytes32,address)"). Throws <see cref="FormatException"/> for a type that is not elementary.
    /// </summary>
    public FunctionABI Function
    {
        get
        {
            if (FunctionName is null)
            {
                throw new InvalidOperationException("the URL names no function (a plain value transfer)");
            }
            var bad = Arguments.FirstOrDefault(a => !ElementaryType().IsMatch(a.Key));
            if (bad.Key is not null)
            {
                throw new FormatException($"EIP-681 arguments of type '{bad.Key}' are not supported");
            }
            return new FunctionABI(FunctionName, false)
            {
                InputParameters = [.. Arguments.Select((a, i) => new Parameter(a.Key == "uint" ? "uint256" : a.Key == "int" ? "int256" : a.Key, i + 1))],
            };
        }
    }

    /// <summary>The calldata of the call (Nethereum's encoding): selector ‖ ABI-encoded arguments. Throws <see cref="FormatException"/> on a bad argument.</summary>
    public byte[] CallData()
    {
        var function = Function;
        var values = Arguments.Select((a, i) => ArgumentValue(function.InputParameters[i].Type, a.Value)).ToArray();
        try
        {
            return Hex.Decode(new FunctionCallEncoder().EncodeRequest(function.Sha3Signature, function.InputParameters, values));
        }
        catch (Exception e) when (e is not FormatException) // Nethereum's AbiEncodingException: a value out of its type's range
        {
            throw new FormatException($"the arguments of {function.Signature} do not encode: {e.Message}", e);
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder("ethereum:").Append(Target.ToString());
        if (ChainId is { } id)
        {
            text.Append('@').Append(id.ToString(CultureInfo.InvariantCulture));
        }
        if (FunctionName is not null)
        {
            text.Append('/').Append(FunctionName);
        }
        for (var i = 0; i < Parameters.Count; i++)
        {
            text.Append(i == 0 ? '?' : '&').Append(Parameters[i].Key).Append('=').Append(Uri.EscapeDataString(Parameters[i].Value));
        }
        return text.ToString();
    }

    public static Eip681Uri Parse(string text) =>
        TryParse(text, out var uri, out var error) ? uri : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Eip681Uri? uri, [NotNullWhen(false)] out string? error)
    {
        uri = null;
        const string scheme = "ethereum:";
        if (text is null || !text.StartsWith(scheme, StringComparison.Ordinal))
        {
            error = "an EIP-681 URL starts with 'ethereum:'";
            return false;
        }
        var rest = text[scheme.Length..];
        if (rest.StartsWith("pay-", StringComparison.Ordinal))
        {
            rest = rest[4..];
        }
        var query = rest.IndexOf('?');
        var path = query < 0 ? rest : rest[..query];
        var slash = path.IndexOf('/');
        var function = slash < 0 ? null : path[(slash + 1)..];
        var targetAndChain = slash < 0 ? path : path[..slash];
        var at = targetAndChain.IndexOf('@');
        var target = at < 0 ? targetAndChain : targetAndChain[..at];
        long? chainId = null;
        if (at >= 0)
        {
            if (!long.TryParse(targetAndChain[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                error = $"chain id '{targetAndChain[(at + 1)..]}' is not a number";
                return false;
            }
            chainId = id;
        }
        // EIP-681 does not require EIP-55 (its own examples mix case without a valid checksum): any case is accepted
        if (!EthAddress.TryParse(target, out var address) && !EthAddress.TryParse(target.ToLowerInvariant(), out address))
        {
            error = $"target '{target}' is not a 0x address (ENS names are not supported)";
            return false;
        }
        if (function is { Length: 0 } || (function is not null && !function.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            error = $"function name '{function}' is not an identifier";
            return false;
        }
        var parameters = new List<KeyValuePair<string, string>>();
        if (query >= 0)
        {
            foreach (var pair in rest[(query + 1)..].Split('&'))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0)
                {
                    error = $"parameter '{pair}' is not key=value";
                    return false;
                }
                var key = pair[..eq];
                var value = Uri.UnescapeDataString(pair[(eq + 1)..]);
                if (TransactionKeys.Contains(key) && !TryParseNumber(value, out _))
                {
                    error = $"{key}={value} is not a whole number";
                    return false;
                }
                parameters.Add(new(key, value));
            }
        }
        uri = new Eip681Uri(address, chainId, function, parameters);
        error = null;
        return true;
    }

    /// <summary>An EIP-681 number: <c>[sign] digits [. digits] [e|E digits]</c>, which must be a whole number.</summary>
    public static BigInteger ParseNumber(string text) =>
        TryParseNumber(text, out var value) ? value : throw new FormatException($"'{text}' is not a whole EIP-681 number");

    public static bool TryParseNumber(string? text, out BigInteger value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var negative = text[0] == '-';
        var body = text[0] is '-' or '+' ? text[1..] : text;
        var e = body.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? body : body[..e];
        var exponentText = e < 0 ? "" : body[(e + 1)..];
        var point = mantissa.IndexOf('.');
        var whole = point < 0 ? mantissa : mantissa[..point];
        var fraction = point < 0 ? "" : mantissa[(point + 1)..];
        if ((point >= 0 && fraction.Length == 0) || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit)
            || !exponentText.All(char.IsAsciiDigit) || (whole.Length == 0 && fraction.Length == 0) || exponentText.Length > 4)
        {
            return false;
        }
        var exponent = exponentText.Length == 0 ? 0 : int.Parse(exponentText, CultureInfo.InvariantCulture);
        var digits = BigInteger.Parse(whole + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        var shift = exponent - fraction.Length;
        if (shift >= 0)
        {
            value = digits * BigInteger.Pow(10, shift);
        }
        else
        {
            // only whole numbers: the digits a negative shift drops must all be zero
            value = BigInteger.DivRem(digits, BigInteger.Pow(10, -shift), out var dropped);
            if (!dropped.IsZero)
            {
                return false;
            }
        }
        if (negative)
        {
            value = -value;
        }
        return true;
    }

    private static object ArgumentValue(string type, string value)
    {
        try
        {
            return type switch
            {
                "address" => EthAddress.Parse(value).ToLowerHex(),
                "bool" => value switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw new FormatException($"'{value}' is not true or false"),
                },
                "string" => value,
                _ when type.StartsWith("bytes", StringComparison.Ordinal) => Hex.Decode(value),
                _ => ParseNumber(value),
            };
        }
        catch (FormatException e)
        {
            throw new FormatException($"argument {type}={value}: {e.Message}", e);
        }
    }

    /// <summary>The ABI types an EIP-681 argument may name: address, bool, string, bytes, bytes1…32, (u)int, (u)int8…256.</summary>
    [GeneratedRegex("^(address|bool|string|bytes([1-9]|[12][0-9]|3[0-2])?|u?int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)?)$")]
    private static partial Regex ElementaryType();
}
