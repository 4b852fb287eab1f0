using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using StratosBridge.Api.Problems;
using StratosBridge.Chains.Stratos;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Api.Accounts;

/// <summary>
/// The checks of what operators send about accounts (businesses and dApps). Each returns false with a detail that says what was wrong;
/// the endpoint answers it as 422 with the field's code. They are at least as strict as the table's checks, so an
/// accepted value is always stored.
/// </summary>
internal static class AccountInput
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxNoteLength = 2000;
    public const int MaxLabelLength = 100;

    /// <summary>The highest monthly card limit: USD 10 billion (sums of a month's payments stay far from overflow).</summary>
    public const long MaxMonthlyLimitCents = 1_000_000_000_000;

    /// <summary>A name: 1–200 characters once trimmed, no control characters.</summary>
    public static bool TryName(string? text, [NotNullWhen(true)] out string? name, [NotNullWhen(false)] out string? error)
    {
        name = text?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            error = $"name must have 1 to {MaxNameLength} characters";
            name = null;
            return false;
        }
        if (name.Any(char.IsControl))
        {
            error = "name must not contain control characters (line breaks, tabs, …)";
            name = null;
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>
    /// An e-mail address as people write them: one <c>@</c>, a local part and a domain with a dot, no spaces or control
    /// characters, at most 254 characters. Nobody is e-mailed to check it.
    /// </summary>
    public static bool TryEmail(string? text, [NotNullWhen(true)] out string? email, [NotNullWhen(false)] out string? error)
    {
        email = text?.Trim();
        error = $"contactEmail {ApiProblem.Quote(email ?? "")} is not an e-mail address (name@example.com)";
        if (string.IsNullOrEmpty(email) || email.Length > MaxEmailLength || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            email = null;
            return false;
        }
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at > 64)
        {
            email = null;
            return false;
        }
        var domain = email[(at + 1)..];
        if (domain.Length < 3 || !domain.Contains('.', StringComparison.Ordinal) || domain[0] is '.' or '-'
            || domain[^1] is '.' or '-' || domain.Contains("..", StringComparison.Ordinal))
        {
            email = null;
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>The credited Stratos account: <c>st1…</c> or <c>0x…</c>, not the zero account.</summary>
    public static bool TryWallet(string? text, out StratosAddress wallet, [NotNullWhen(false)] out string? error)
    {
        if (!StratosAddress.TryParse(text, out wallet, out error))
        {
            error = $"wallet: {error}";
            return false;
        }
        if (wallet.IsZero)
        {
            error = "wallet: the zero account cannot receive Ozone (no key can use it)";
            return false;
        }
        return true;
    }

    /// <summary>
    /// The monthly card limit from <c>monthlyLimitCents</c> (whole cents, a JSON number or a string of digits) or
    /// <c>monthlyLimitUsd</c> (a decimal with at most 2 decimals, as a string or a JSON number), one of them; 0 to
    /// <see cref="MaxMonthlyLimitCents"/>. <paramref name="cents"/> is null when neither is given.
    /// </summary>
    public static bool TryLimit(JsonElement? centsInput, JsonElement? usdInput, out long? cents, [NotNullWhen(false)] out string? error)
    {
        cents = null;
        var centsText = Text(centsInput);
        var usdText = Text(usdInput);
        if (centsText is not null && usdText is not null)
        {
            error = "give the monthly limit as monthlyLimitCents or as monthlyLimitUsd, not both";
            return false;
        }
        if (centsText is not null)
        {
            if (!(IsDigits(centsText) && centsText.Length <= 15
                  && long.TryParse(centsText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed <= MaxMonthlyLimitCents))
            {
                error = $"monthlyLimitCents {ApiProblem.Quote(centsText)} must be a whole number of cents from 0 to {MaxMonthlyLimitCents}";
                return false;
            }
            cents = parsed;
        }
        else if (usdText is not null)
        {
            var point = usdText.IndexOf('.', StringComparison.Ordinal);
            var whole = point < 0 ? usdText : usdText[..point];
            var fraction = point < 0 ? "" : usdText[(point + 1)..];
            if (!(IsDigits(whole) && whole.Length <= 13 && (point < 0 || (IsDigits(fraction) && fraction.Length <= 2))))
            {
                error = $"monthlyLimitUsd {ApiProblem.Quote(usdText)} must be a decimal amount of USD with at most 2 decimals, e.g. \"1500.00\"";
                return false;
            }
            var value = long.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture) * 100
                        + (fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(2, '0'), NumberStyles.None, CultureInfo.InvariantCulture));
            if (value > MaxMonthlyLimitCents)
            {
                error = $"monthlyLimitUsd {ApiProblem.Quote(usdText)} is above the highest limit, {AccountViews.Usd(MaxMonthlyLimitCents)}";
                return false;
            }
            cents = value;
        }
        error = null;
        return true;
    }

    /// <summary>An account kind: exactly <c>business</c> or <c>dapp</c>.</summary>
    public static bool TryKind(string text, [NotNullWhen(false)] out string? error)
    {
        error = AccountKind.All.Contains(text, StringComparer.Ordinal)
            ? null
            : $"kind {ApiProblem.Quote(text)} is not an account kind: use {string.Join(" or ", AccountKind.All)}";
        return error is null;
    }

    /// <summary>An account status: exactly <c>active</c> or <c>on-hold</c>.</summary>
    public static bool TryStatus(string text, [NotNullWhen(false)] out string? error)
    {
        error = BusinessAccountStatus.All.Contains(text, StringComparer.Ordinal)
            ? null
            : $"status {ApiProblem.Quote(text)} is not an account status: use {string.Join(" or ", BusinessAccountStatus.All)}";
        return error is null;
    }

    /// <summary>A status note: up to 2000 characters once trimmed (line breaks allowed); blank is no note (null).</summary>
    public static bool TryNote(string? text, out string? note, [NotNullWhen(false)] out string? error)
    {
        note = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            error = $"note has {note.Length} characters, at most {MaxNoteLength} are kept";
            return false;
        }
        if (note is not null && note.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            error = "note must not contain control characters other than line breaks and tabs";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>A key's label: up to 100 characters once trimmed, no control characters; blank is no label (null).</summary>
    public static bool TryLabel(string? text, out string? label, [NotNullWhen(false)] out string? error)
    {
        label = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (label is not null && (label.Length > MaxLabelLength || label.Any(char.IsControl)))
        {
            error = $"label must have at most {MaxLabelLength} characters and no control characters";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>A JSON string's value or a JSON number's text; null when absent or null; other kinds as their raw text (refused as not a number).</summary>
    private static string? Text(JsonElement? element) => element switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } e => e.GetString()!.Trim(),
        { } e => e.GetRawText(),
    };

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
