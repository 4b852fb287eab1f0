using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace StratosBridge.Api.Grants;

/// <summary>The shapes of a grant's inputs (the ledger's checks are the last line).</summary>
public static partial class GrantInput
{
    public static bool IsProgramId(string? text) => text is not null && ProgramId().IsMatch(text);

    public static bool IsCode(string? text) => text is not null && Code().IsMatch(text);

    /// <summary>A positive whole amount in base units (noz, wei) written as digits, at most 78 of them.</summary>
    public static bool TryAmount(string? text, string name, out BigInteger amount, [NotNullWhen(false)] out string? error)
    {
        amount = default;
        if (text is null || text.Length is 0 or > 78 || !text.All(char.IsAsciiDigit)
            || !BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out amount) || amount.Sign <= 0)
        {
            error = $"{name} must be a positive whole number of base units written as digits (e.g. \"15000000000\")";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>Like <see cref="TryAmount"/>, for a field that may be absent (then <paramref name="amount"/> is null).</summary>
    public static bool TryOptionalAmount(string? text, string name, out BigInteger? amount, [NotNullWhen(false)] out string? error)
    {
        amount = null;
        error = null;
        if (text is null)
        {
            return true;
        }
        if (!TryAmount(text, name, out var given, out error))
        {
            return false;
        }
        amount = given;
        return true;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex ProgramId();

    [GeneratedRegex("^[A-Za-z0-9_-]{3,64}$")]
    private static partial Regex Code();
}
