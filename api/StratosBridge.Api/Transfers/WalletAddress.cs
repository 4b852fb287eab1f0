using System.Diagnostics.CodeAnalysis;
using StratosBridge.Api.Problems;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Stratos;

namespace StratosBridge.Api.Transfers;

/// <summary>
/// The one place the API reads a wallet address. A Stratos account is the same 20 bytes in two spellings:
/// <c>0x…</c> (40 hex digits; mixed case must carry a valid EIP-55 checksum) and bech32 <c>st1…</c>.
/// </summary>
internal static class WalletAddress
{
    /// <summary>The problem code of an address that is neither spelling (422).</summary>
    public const string InvalidAddress = "invalid-address";

    public static bool TryParse(string text, out EthAddress address, [NotNullWhen(false)] out string? error)
    {
        address = default;
        if (text.StartsWith("st1", StringComparison.OrdinalIgnoreCase))
        {
            if (StratosAddress.TryParse(text, out var stratos, out var bech32Error))
            {
                address = stratos.EvmAddress;
                error = null;
                return true;
            }
            error = $"{ApiProblem.Quote(text)} is not a valid st1… address: {bech32Error}";
            return false;
        }
        if (EthAddress.TryParse(text, out address))
        {
            error = null;
            return true;
        }
        error = text.StartsWith("0x", StringComparison.Ordinal) && Hex.TryDecode(text, out var bytes) && bytes.Length == EthAddress.Length
            ? $"{ApiProblem.Quote(text)} has mixed-case hex digits that do not match its EIP-55 checksum: check it or write it in lower case"
            : $"{ApiProblem.Quote(text)} is not a wallet address: expected 0x followed by 40 hex digits, or st1…";
        return false;
    }
}
