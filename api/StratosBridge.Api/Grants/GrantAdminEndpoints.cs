using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Accounts;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Cards;
using StratosBridge.Api.Docs;
using StratosBridge.Api.Jobs;
using StratosBridge.Api.Problems;
using StratosBridge.Chains.Stratos;
using StratosBridge.Ledger.Fiat;
using StratosBridge.Ledger.Grants;
using StratosBridge.Pricing;

namespace StratosBridge.Api.Grants;

/// <summary>
/// Grant programs for operators (admin token), each change audited with its <c>operator</c>: <c>POST /v1/admin/grants</c>,
/// <c>GET /v1/admin/grants</c>, <c>GET /v1/admin/grants/{id}</c> (with claims per day, budget used and left, credits by
/// state, top refusals), <c>PATCH /v1/admin/grants/{id}</c> (a program may belong to an account, <c>accountId</c>, which
/// gets its claims' credit webhooks), <c>POST /v1/admin/grants/{id}/allow-list</c>,
/// <c>POST|GET /v1/admin/grants/{id}/codes</c>, <c>GET /v1/admin/grants/{id}/statement?from&amp;to</c> (CSV of its claims),
/// <c>PUT|DELETE /v1/admin/grant-deny-list/{wallet}</c>. Refusals: 400 <c>invalid-json</c>; 422 <c>invalid-grant-program</c>
/// (which field and why), <c>invalid-grant-code</c>, <c>invalid-wallet</c>, <c>operator-required</c>, <c>invalid-range</c>;
/// 404 <c>grant-program-not-found</c>, <c>grant-denial-not-found</c>; 409 <c>grant-program-exists</c>, <c>grant-code-exists</c>.
/// </summary>
public static class GrantAdminEndpoints
{
    public const string InvalidProgram = "invalid-grant-program";
    public const string OperatorRequired = "operator-required";
    public const string ProgramExists = "grant-program-exists";
    public const string CodeExists = "grant-code-exists";
    public const string DenialNotFound = "grant-denial-not-found";
    public const string InvalidRange = "invalid-range";

    private const int MaxAllowListBatch = 1000;

    public static void Map(RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin").RequireAdmin();
        admin.MapPost("/grants", CreateAsync).WithName("CreateGrantProgram").WithMetadata(new DocumentedBody(typeof(CreateGrantProgramRequest)))
            .WithMetadata(new ProblemCodes(409, ProgramExists), new ProblemCodes(422, InvalidProgram, OperatorRequired));
        admin.MapGet("/grants", ListAsync).WithName("GetGrantPrograms");
        admin.MapGet("/grants/{id}", ReportAsync).WithName("GetGrantProgramReport").WithMetadata(new ProblemCodes(404, Core.Grants.GrantRefusals.ProgramNotFound));
        admin.MapPatch("/grants/{id}", UpdateAsync).WithName("UpdateGrantProgram").WithMetadata(new DocumentedBody(typeof(UpdateGrantProgramRequest)))
            .WithMetadata(new ProblemCodes(404, Core.Grants.GrantRefusals.ProgramNotFound), new ProblemCodes(422, InvalidProgram, OperatorRequired));
        admin.MapPost("/grants/{id}/allow-list", AllowAsync).WithName("AllowGrantWallets").WithMetadata(new DocumentedBody(typeof(GrantAllowListRequest)))
            .WithMetadata(new ProblemCodes(404, Core.Grants.GrantRefusals.ProgramNotFound), new ProblemCodes(422, InvalidProgram, OperatorRequired, AccountEndpoints.InvalidWallet));
        admin.MapPost("/grants/{id}/codes", CreateCodeAsync).WithName("CreateGrantCode").WithMetadata(new DocumentedBody(typeof(CreateGrantCodeRequest)))
            .WithMetadata(new ProblemCodes(404, Core.Grants.GrantRefusals.ProgramNotFound), new ProblemCodes(409, CodeExists), new ProblemCodes(422, GrantEndpoints.InvalidCode, OperatorRequired));
        admin.MapGet("/grants/{id}/codes", CodesAsync).WithName("GetGrantCodes").WithMetadata(new ProblemCodes(404, Core.Grants.GrantRefusals.ProgramNotFound));
        admin.MapGet("/grants/{id}/statement", StatementAsync).WithName("GetGrantStatement").WithMetadata(new ProblemCodes(404, Core.Grants.GrantRefusals.ProgramNotFound), new ProblemCodes(422, InvalidRange));
        admin.MapPut("/grant-deny-list/{wallet}", DenyAsync).WithName("DenyGrantWallet").WithMetadata(new DocumentedBody(typeof(GrantDenyRequest)))
            .WithMetadata(new ProblemCodes(422, InvalidProgram, OperatorRequired, AccountEndpoints.InvalidWallet));
        admin.MapDelete("/grant-deny-list/{wallet}", UndenyAsync).WithName("UndenyGrantWallet")
            .WithMetadata(new ProblemCodes(404, DenialNotFound), new ProblemCodes(422, OperatorRequired, AccountEndpoints.InvalidWallet));
    }

    private static async Task<Results<Created<GrantProgramView>, ProblemHttpResult>> CreateAsync(HttpRequest request, GrantStore store,
        BusinessAccountStore accounts, IOptions<PricingOptions> pricing, TimeProvider clock, CancellationToken ct)
    {
        var (body, bad) = await ApiProblem.ReadJsonAsync<CreateGrantProgramRequest>(request,
            "{id, name, startsAt, endsAt, nozPerClaim, budgetWei, dailyBudgetWei, allowListOnly?, alarmPercent?, accountId?, operator}", ct);
        if (body is null)
        {
            return bad!;
        }
        if (NoOperator(body.Operator) is { } no)
        {
            return no;
        }
        if (!GrantInput.IsProgramId(body.Id))
        {
            return Invalid("id must be 2 to 63 lower-case letters, digits or '-', starting with a letter or digit (it is used in URLs)");
        }
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > 100)
        {
            return Invalid("name is required, at most 100 characters");
        }
        if (body.StartsAt is not { } starts || body.EndsAt is not { } ends || ends <= starts)
        {
            return Invalid("startsAt and endsAt are required ISO 8601 times, endsAt after startsAt");
        }
        if (!GrantInput.TryAmount(body.NozPerClaim, "nozPerClaim", out var noz, out var error)
            || !GrantInput.TryAmount(body.BudgetWei, "budgetWei", out var budget, out error)
            || !GrantInput.TryAmount(body.DailyBudgetWei, "dailyBudgetWei", out var daily, out error))
        {
            return Invalid(error);
        }
        if (body.AlarmPercent is < 1 or > 100)
        {
            return Invalid("alarmPercent is a percentage of the daily budget, 1 to 100");
        }
        if (body.AccountId is { } owner && await NoAccountAsync(owner, accounts, ct) is { } noAccount)
        {
            return noAccount;
        }
        var row = await store.CreateProgramAsync(new NewGrantProgram(body.Id!, body.Name.Trim(), starts, ends, noz, budget, daily,
            body.AllowListOnly ?? false, body.AlarmPercent ?? 80, body.AccountId), OperatorDecisionInput.Actor(body.Operator!), ct);
        return row is null
            ? ApiProblem.Create(StatusCodes.Status409Conflict, ProgramExists, "The program exists", $"there is a grant program '{body.Id}' already")
            : TypedResults.Created($"/v1/admin/grants/{row.Id}", GrantViews.Program(row, pricing.Value.NozPerGb, clock.GetUtcNow()));
    }

    private static async Task<Ok<GrantProgramList>> ListAsync(GrantStore store, IOptions<PricingOptions> pricing, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new GrantProgramList((await store.ListProgramsAsync(ct)).Select(p => GrantViews.Program(p, pricing.Value.NozPerGb, now)).ToList()));
    }

    private static async Task<Results<Ok<GrantProgramReport>, ProblemHttpResult>> ReportAsync(string id, GrantStore store,
        IOptions<PricingOptions> pricing, TimeProvider clock, CancellationToken ct)
    {
        if (await store.GetProgramAsync(id, ct) is not { } row)
        {
            return GrantEndpoints.NoProgram(id);
        }
        var stats = await store.StatsAsync(id, 30, ct);
        return TypedResults.Ok(new GrantProgramReport(GrantViews.Program(row, pricing.Value.NozPerGb, clock.GetUtcNow()),
            stats.Days.Select(d => new GrantDayView(d.Day, d.Claims, GrantViews.Text(d.ReservedWei))).ToList(), stats.CreditsByStatus,
            stats.TopRefusals.Select(r => new GrantRefusalCount(r.Reason, r.Count)).ToList()));
    }

    private static async Task<Results<Ok<GrantProgramView>, ProblemHttpResult>> UpdateAsync(string id, HttpRequest request, GrantStore store,
        BusinessAccountStore accounts, IOptions<PricingOptions> pricing, TimeProvider clock, CancellationToken ct)
    {
        var (body, bad) = await ApiProblem.ReadJsonAsync<UpdateGrantProgramRequest>(request,
            "{operator, name?, endsAt?, nozPerClaim?, budgetWei?, dailyBudgetWei?, allowListOnly?, alarmPercent?, status?, accountId?}", ct);
        if (body is null)
        {
            return bad!;
        }
        if (NoOperator(body.Operator) is { } no)
        {
            return no;
        }
        if (body.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100))
        {
            return Invalid("name, when given, is 1 to 100 characters");
        }
        if (!GrantInput.TryOptionalAmount(body.NozPerClaim, "nozPerClaim", out var noz, out var error)
            || !GrantInput.TryOptionalAmount(body.BudgetWei, "budgetWei", out var budget, out error)
            || !GrantInput.TryOptionalAmount(body.DailyBudgetWei, "dailyBudgetWei", out var daily, out error))
        {
            return Invalid(error);
        }
        if (body.AlarmPercent is < 1 or > 100)
        {
            return Invalid("alarmPercent is a percentage of the daily budget, 1 to 100");
        }
        if (body.Status is not (null or "active" or "closed"))
        {
            return Invalid("status is active or closed");
        }
        if (body.AccountId is { } owner and not 0 && await NoAccountAsync(owner, accounts, ct) is { } noAccount)
        {
            return noAccount;
        }
        if (await store.GetProgramAsync(id, ct) is not { } current)
        {
            return GrantEndpoints.NoProgram(id);
        }
        if (body.EndsAt is { } ends && ends <= current.StartsAt)
        {
            return Invalid($"endsAt must be after the program's start, {current.StartsAt:u}");
        }
        if (budget is { } total && total < current.ReservedWei)
        {
            return Invalid($"budgetWei cannot go below what claims have reserved already, {current.ReservedWei}");
        }
        var row = await store.UpdateProgramAsync(id, new GrantProgramChange(body.Name?.Trim(), body.EndsAt, noz, budget, daily,
            body.AllowListOnly, body.AlarmPercent, body.Status, body.AccountId is 0 ? null : body.AccountId, body.AccountId is 0),
            OperatorDecisionInput.Actor(body.Operator!), ct);
        return row is null ? GrantEndpoints.NoProgram(id) : TypedResults.Ok(GrantViews.Program(row, pricing.Value.NozPerGb, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<GrantAllowListView>, ProblemHttpResult>> AllowAsync(string id, HttpRequest request, GrantStore store,
        CancellationToken ct)
    {
        var (body, bad) = await ApiProblem.ReadJsonAsync<GrantAllowListRequest>(request, "{wallets: [st1…|0x…], operator}", ct);
        if (body is null)
        {
            return bad!;
        }
        if (NoOperator(body.Operator) is { } no)
        {
            return no;
        }
        if (body.Wallets is not { Count: > 0 and <= MaxAllowListBatch } given)
        {
            return Invalid($"wallets is a list of 1 to {MaxAllowListBatch} wallets (st1… or 0x…)");
        }
        var wallets = new List<string>(given.Count);
        for (var i = 0; i < given.Count; i++)
        {
            if (!AccountInput.TryWallet(given[i], out var wallet, out var error))
            {
                return ApiProblem.Invalid(AccountEndpoints.InvalidWallet, "Invalid wallet", $"wallets[{i}]: {error}");
            }
            wallets.Add(wallet.LowerHex);
        }
        var added = await store.AllowAsync(id, wallets.Distinct().ToList(), OperatorDecisionInput.Actor(body.Operator!), ct);
        return added is null ? GrantEndpoints.NoProgram(id) : TypedResults.Ok(new GrantAllowListView(given.Count, added.Value));
    }

    private static async Task<Results<Created<GrantCodeView>, ProblemHttpResult>> CreateCodeAsync(string id, HttpRequest request, GrantStore store,
        IOptions<PricingOptions> pricing, CancellationToken ct)
    {
        var (body, bad) = await ApiProblem.ReadJsonAsync<CreateGrantCodeRequest>(request, "{code, extraNoz, maxUses, expiresAt, operator}", ct);
        if (body is null)
        {
            return bad!;
        }
        if (NoOperator(body.Operator) is { } no)
        {
            return no;
        }
        if (!GrantInput.IsCode(body.Code))
        {
            return ApiProblem.Invalid(GrantEndpoints.InvalidCode, "Invalid campaign code", "code is 3 to 64 letters, digits, '-' or '_'");
        }
        if (!GrantInput.TryAmount(body.ExtraNoz, "extraNoz", out var extra, out var error))
        {
            return ApiProblem.Invalid(GrantEndpoints.InvalidCode, "Invalid campaign code", error);
        }
        if (body.MaxUses is not > 0 || body.ExpiresAt is not { } expires)
        {
            return ApiProblem.Invalid(GrantEndpoints.InvalidCode, "Invalid campaign code", "maxUses (a positive number) and expiresAt (an ISO 8601 time) are required");
        }
        var row = await store.CreateCodeAsync(id, body.Code!, extra, body.MaxUses.Value, expires, OperatorDecisionInput.Actor(body.Operator!), ct);
        if (row is not null)
        {
            return TypedResults.Created($"/v1/admin/grants/{id}/codes", GrantViews.Code(row, pricing.Value.NozPerGb));
        }
        return await store.CodeExistsAsync(id, body.Code!, ct)
            ? ApiProblem.Create(StatusCodes.Status409Conflict, CodeExists, "The code exists", $"the program has a code '{body.Code}' already")
            : GrantEndpoints.NoProgram(id);
    }

    private static async Task<Results<Ok<GrantCodeList>, ProblemHttpResult>> CodesAsync(string id, GrantStore store, IOptions<PricingOptions> pricing,
        CancellationToken ct) =>
        await store.GetProgramAsync(id, ct) is null
            ? GrantEndpoints.NoProgram(id)
            : TypedResults.Ok(new GrantCodeList((await store.CodesAsync(id, ct)).Select(c => GrantViews.Code(c, pricing.Value.NozPerGb)).ToList()));

    /// <summary>
    /// The program's claims in [from, to) (default: the last 30 days) as CSV, one line per claim with its credit, and when a
    /// claim whose credit failed gave its reservation back.
    /// </summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> StatementAsync(string id, string? from, string? to, GrantStore store,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var start = now.AddDays(-30);
        var end = now.AddTicks(1);
        if (from is not null && !StatementEndpoints.TryParseTime(from, out start) || to is not null && !StatementEndpoints.TryParseTime(to, out end)
            || end <= start)
        {
            return ApiProblem.Invalid(InvalidRange, "from and to must be dates (2026-11-01) or ISO 8601 times, from before to");
        }
        if (await store.GetProgramAsync(id, ct) is null)
        {
            return GrantEndpoints.NoProgram(id);
        }
        var csv = new StringBuilder("claimed_at,claim_id,wallet,stratos_account,code,noz,stos_wei,credit_status,prepay_tx,purchased_noz,released_at\r\n");
        foreach (var c in await store.ClaimsAsync(id, start, end, ct))
        {
            csv.AppendJoin(',', c.ClaimedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), c.Id.ToString(CultureInfo.InvariantCulture),
                    c.Wallet, GrantViews.Wallet(c.Wallet).Bech32, StatementEndpoints.Field(c.Code ?? ""), GrantViews.Text(c.Noz),
                    GrantViews.Text(c.StosWei), c.CreditStatus, c.TxHash ?? "", c.PurchasedNoz is { } bought ? GrantViews.Text(bought) : "",
                    c.ReleasedAt?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? "")
                .Append("\r\n");
        }
        return TypedResults.Text(csv.ToString(), "text/csv", Encoding.UTF8);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DenyAsync(string wallet, HttpRequest request, GrantStore store, CancellationToken ct)
    {
        var (body, bad) = await ApiProblem.ReadJsonAsync<GrantDenyRequest>(request, "{reason, operator}", ct);
        if (body is null)
        {
            return bad!;
        }
        if (NoOperator(body.Operator) is { } no)
        {
            return no;
        }
        if (!AccountInput.TryWallet(wallet, out var account, out var error))
        {
            return ApiProblem.Invalid(AccountEndpoints.InvalidWallet, "Invalid wallet", error);
        }
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 500)
        {
            return Invalid("reason is required, at most 500 characters");
        }
        await store.DenyAsync(account.LowerHex, body.Reason.Trim(), OperatorDecisionInput.Actor(body.Operator!), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UndenyAsync(string wallet, string? @operator, GrantStore store, CancellationToken ct)
    {
        if (NoOperator(@operator) is { } no)
        {
            return no;
        }
        if (!AccountInput.TryWallet(wallet, out var account, out var error))
        {
            return ApiProblem.Invalid(AccountEndpoints.InvalidWallet, "Invalid wallet", error);
        }
        return await store.UndenyAsync(account.LowerHex, OperatorDecisionInput.Actor(@operator!), ct)
            ? TypedResults.NoContent()
            : ApiProblem.NotFound(DenialNotFound, "Not on the deny-list", $"{account.Bech32} is not on the grant deny-list");
    }

    /// <summary>422 <c>invalid-grant-program</c> unless <paramref name="accountId"/> is an account's (the one its claims' webhooks go to).</summary>
    private static async Task<ProblemHttpResult?> NoAccountAsync(long accountId, BusinessAccountStore accounts, CancellationToken ct) =>
        accountId > 0 && await accounts.GetAsync(accountId, ct) is not null
            ? null
            : Invalid($"accountId {accountId} is not an account: give the id of the account (a dApp's, say) the program belongs to");

    private static ProblemHttpResult? NoOperator(string? who) => string.IsNullOrWhiteSpace(who) || who.Length > 100
        ? ApiProblem.Invalid(OperatorRequired, "Operator required", "name the operator (operator, at most 100 characters): every change is audited")
        : null;

    private static ProblemHttpResult Invalid(string detail) => ApiProblem.Invalid(InvalidProgram, "Invalid grant program", detail);
}
