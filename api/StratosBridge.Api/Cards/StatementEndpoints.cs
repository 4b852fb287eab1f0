using StratosBridge.Api.Docs;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Problems;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Api.Cards;

/// <summary>
/// <c>GET /v1/account/statement?from&amp;to[&amp;format=csv]</c> (API key): the account's card payments, credits (with
/// the Stratos tx hash), refunds, disputes, reversals and hold releases in [from, to), oldest first, each with the
/// running balance in USD cents and noz after it, plus the balances before and after. JSON by default; CSV with
/// <c>format=csv</c> or <c>Accept: text/csv</c>. <c>from</c> defaults to the start of this month (UTC), <c>to</c> to now;
/// dates (<c>2026-11-01</c>) or ISO 8601 times. 422 <c>invalid-range</c> for unreadable or reversed bounds or over a year.
/// </summary>
public static class StatementEndpoints
{
    public const string InvalidRange = "invalid-range";

    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGroup("/account").RequireApiKey().MapGet("/statement", GetAsync).WithName("GetAccountStatement").WithMetadata(new ProblemCodes(422, InvalidRange));

    private static async Task<Results<Ok<StatementView>, ContentHttpResult, ProblemHttpResult>> GetAsync(HttpContext context, string? from,
        string? to, string? format, StatementQueries statements, TimeProvider clock, CancellationToken ct)
    {
        var account = context.Account();
        var now = clock.GetUtcNow();
        var start = CheckoutStore.MonthStart(now);
        var end = now.AddTicks(1);
        if (from is not null && !TryParseTime(from, out start) || to is not null && !TryParseTime(to, out end))
        {
            return ApiProblem.Invalid(InvalidRange, "from and to must be dates (2026-11-01) or ISO 8601 times (2026-11-01T12:00:00Z)");
        }
        if (end <= start || end - start > TimeSpan.FromDays(367))
        {
            return ApiProblem.Invalid(InvalidRange, $"the range [{start:O}, {end:O}) must be forward and at most a year long");
        }
        var statement = await statements.ForAccountAsync(account.Id, start, end, ct);
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) ||
                  format is null && context.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase);
        return csv ? TypedResults.Text(Csv(statement), "text/csv", Encoding.UTF8) : TypedResults.Ok(StatementView.Of(statement));
    }

    internal static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>One header line, then one line per statement line (RFC 4180 quoting).</summary>
    public static string Csv(Statement statement)
    {
        var csv = new StringBuilder("date,kind,reference,description,usd_cents,noz,stratos_tx,balance_usd_cents,balance_noz\r\n");
        foreach (var l in statement.Lines)
        {
            csv.AppendJoin(',', l.At.ToString("O", CultureInfo.InvariantCulture), l.Kind, Field(l.Reference), Field(l.Description),
                    l.UsdCents.ToString(CultureInfo.InvariantCulture), l.Noz.ToString(CultureInfo.InvariantCulture), l.StratosTx ?? "",
                    l.BalanceUsdCents.ToString(CultureInfo.InvariantCulture), l.BalanceNoz.ToString(CultureInfo.InvariantCulture))
                .Append("\r\n");
        }
        return csv.ToString();
    }

    internal static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>A statement as JSON: amounts as strings of whole cents and noz (noz can exceed 2^53).</summary>
public sealed record StatementView(long AccountId, DateTimeOffset From, DateTimeOffset To, BalanceView Opening, IReadOnlyList<StatementLineView> Lines,
    BalanceView Closing)
{
    public static StatementView Of(Statement s) => new(s.AccountId, s.From, s.To, new BalanceView(s.OpeningUsdCents, Text(s.OpeningNoz)),
        s.Lines.Select(l => new StatementLineView(l.At, l.Kind, l.Reference, l.Description, l.UsdCents, Text(l.Noz), l.StratosTx,
            new BalanceView(l.BalanceUsdCents, Text(l.BalanceNoz)))).ToList(), new BalanceView(s.ClosingUsdCents, Text(s.ClosingNoz)));

    private static string Text(System.Numerics.BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}

public sealed record StatementLineView(DateTimeOffset At, string Kind, string Reference, string Description, long UsdCents, string Noz,
    string? StratosTx, BalanceView Balance);

public sealed record BalanceView(long UsdCents, string Noz);
