using System.Collections;
using System.Globalization;
using System.Numerics;

namespace StratosBridge.Chains.Evm.Abi;

/// <summary>Short text of decoded ABI values for logs and messages.</summary>
internal static class AbiValueText
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        BigInteger v => v.ToString(CultureInfo.InvariantCulture),
        bool v => v ? "true" : "false",
        byte[] v => Hex.Encode(v),
        string v => "\"" + v + "\"",
        EthAddress v => v.ToString(),
        AbiIndexedHash v => v.ToString(),
        IList v => "[" + string.Join(", ", v.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? "",
    };
}
