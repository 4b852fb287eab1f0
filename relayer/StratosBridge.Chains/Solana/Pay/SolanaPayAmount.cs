using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace StratosBridge.Chains.Solana.Pay;

/// <summary>
/// Solana Pay's <c>amount</c>: a decimal number of SOL ("1", "0.25", "0.000000001") ↔ lamports (1 SOL = 10^9
/// lamports). Exact: no floating point anywhere.
/// </summary>
public static class SolanaPayAmount
{
    public const int Decimals = 9;

    private const ulong LamportsPerSol = 1_000_000_000;

    /// <summary>The shortest decimal SOL text: no trailing zeros, no trailing point ("1.5", "2", "0.000000001").</summary>
    public static string Format(ulong lamports)
    {
        var whole = (lamports / LamportsPerSol).ToString(CultureInfo.InvariantCulture);
        var fraction = (lamports % LamportsPerSol).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        return fraction.Length == 0 ? whole : whole + "." + fraction;
    }

    /// <summary>
    /// Parses the spec's form — digits, optionally a point and more digits (<c>^\d+(\.\d+)?$</c>) — with at most 9
    /// decimals (the spec makes more a malformed URL) and at most u64 lamports.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ulong lamports, [NotNullWhen(false)] out string? error)
    {
        lamports = 0;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "the amount is empty";
            return false;
        }
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || (point >= 0 && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))))
        {
            error = $"'{text}' is not a decimal amount (digits, optionally a point and more digits)";
            return false;
        }
        if (fraction.Length > Decimals)
        {
            error = $"'{text}' has {fraction.Length} decimals; SOL has {Decimals}";
            return false;
        }
        if (!ulong.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var sol)
            || sol > ulong.MaxValue / LamportsPerSol)
        {
            error = $"'{text}' SOL is more lamports than a u64 holds";
            return false;
        }
        var fractionLamports = fraction.Length == 0
            ? 0UL
            : ulong.Parse(fraction.PadRight(Decimals, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        var total = sol * LamportsPerSol;
        if (total > ulong.MaxValue - fractionLamports)
        {
            error = $"'{text}' SOL is more lamports than a u64 holds";
            return false;
        }
        lamports = total + fractionLamports;
        return true;
    }
}
