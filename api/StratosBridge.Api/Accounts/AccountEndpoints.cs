using StratosBridge.Api.Docs;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Paging;
using StratosBridge.Api.Problems;
using StratosBridge.Fiat.Checkout;
using StratosBridge.Fiat.Accounts;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Api.Accounts;

/// <summary>
/// Accounts — businesses (buy Ozone by card for their wallet) and dApps (create quotes their users pay, get their webhooks;
/// wallet optional, no card checkouts), <see cref="AccountKind"/> — and their API keys. For operators (<see cref="AuthExtensions.RequireAdmin"/>), under
/// <c>/v1/admin</c>: <c>POST /accounts</c>, <c>GET /accounts</c> (paged, newest first, <c>?status=</c>, <c>?kind=</c>),
/// <c>GET /accounts/{id}</c>, <c>PATCH /accounts/{id}</c>, <c>POST /accounts/{id}/keys</c> (the key, shown once),
/// <c>GET /accounts/{id}/keys</c>, <c>DELETE /accounts/{id}/keys/{keyId}</c> (revoke). For an account
/// (<see cref="AuthExtensions.RequireApiKey"/>), under <c>/v1/account</c>: <c>GET</c> its own account, and its own keys:
/// <c>GET /keys</c>, <c>POST /keys</c> (shown once), <c>DELETE /keys/{keyId}</c> (never the key in use: 409 <c>key-in-use</c>). Refusals: 400
/// <c>invalid-json</c>; 422 <c>invalid-kind</c>, <c>invalid-name</c>, <c>invalid-email</c>, <c>invalid-wallet</c>, <c>invalid-limit</c>,
/// <c>invalid-status</c>, <c>invalid-note</c>, <c>invalid-label</c>, <c>note-required</c>; 404 <c>account-not-found</c>,
/// <c>key-not-found</c>.
/// </summary>
public static class AccountEndpoints
{
    public const string InvalidJson = ApiProblem.InvalidJson;
    public const string InvalidName = "invalid-name";
    public const string InvalidEmail = "invalid-email";
    public const string InvalidWallet = "invalid-wallet";
    public const string InvalidLimit = "invalid-limit";
    public const string InvalidStatus = "invalid-status";
    public const string InvalidKind = "invalid-kind";
    public const string InvalidNote = "invalid-note";
    public const string InvalidLabel = "invalid-label";
    public const string NoteRequired = "note-required";
    public const string AccountNotFound = "account-not-found";
    public const string KeyNotFound = "key-not-found";
    public const string KeyInUse = "key-in-use";

    /// <summary>Said with every new key: the service cannot show it again.</summary>
    public const string KeyNotice =
        "Store this key now: it is not shown again. StratosBridge keeps only its SHA-256; if it is lost, create a new key and revoke this one.";

    private const int KeyAttempts = 3;

    public static void Map(RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin").RequireAdmin();
        admin.MapPost("/accounts", CreateAsync).WithName("CreateAccount").WithMetadata(new ProblemCodes(422, InvalidKind, InvalidName, InvalidEmail, InvalidWallet, InvalidLimit)).WithMetadata(new DocumentedBody(typeof(CreateAccountRequest)));
        admin.MapGet("/accounts", ListAsync).WithName("GetAccounts").WithMetadata(new ProblemCodes(422, InvalidStatus, InvalidKind, PageRequest.InvalidLimit));
        admin.MapGet("/accounts/{id}", GetAsync).WithName("GetAccount").WithMetadata(new ProblemCodes(404, AccountNotFound));
        admin.MapPatch("/accounts/{id}", UpdateAsync).WithName("UpdateAccount").WithMetadata(new ProblemCodes(404, AccountNotFound), new ProblemCodes(422, InvalidName, InvalidEmail, InvalidWallet, InvalidLimit, InvalidStatus, InvalidNote, NoteRequired)).WithMetadata(new DocumentedBody(typeof(UpdateAccountRequest)));
        admin.MapPost("/accounts/{id}/keys", CreateKeyAsync).WithName("CreateApiKey").WithMetadata(new ProblemCodes(404, AccountNotFound), new ProblemCodes(422, InvalidLabel)).WithMetadata(new DocumentedBody(typeof(CreateApiKeyRequest), Optional: true));
        admin.MapGet("/accounts/{id}/keys", KeysAsync).WithName("GetApiKeys").WithMetadata(new ProblemCodes(404, AccountNotFound));
        admin.MapDelete("/accounts/{id}/keys/{keyId}", RevokeKeyAsync).WithName("RevokeApiKey").WithMetadata(new ProblemCodes(404, AccountNotFound, KeyNotFound));

        var own = v1.MapGroup("/account").RequireApiKey();
        own.MapGet("", Own).WithName("GetOwnAccount").WithMetadata(new DocumentedExample(200, ApiExamples.OwnAccount));
        own.MapGet("/keys", (HttpContext c, BusinessAccountStore s, CancellationToken ct) => KeysOfAsync(c.Account().Id, s, ct)).WithName("GetOwnApiKeys").WithMetadata(new DocumentedExample(200, ApiExamples.ApiKeys));
        own.MapPost("/keys", (HttpContext c, BusinessAccountStore s, ILoggerFactory l, CancellationToken ct) =>
                IssueKeyAsync(c.Account().Id, c, s, l, "/v1/account/keys", ct))
            .WithName("CreateOwnApiKey").WithMetadata(new DocumentedExample(201, ApiExamples.ApiKeyCreated)).WithMetadata(new DocumentedBody(typeof(CreateApiKeyRequest), Optional: true), new ProblemCodes(422, InvalidLabel));
        own.MapDelete("/keys/{keyId}", RevokeOwnKeyAsync).WithName("RevokeOwnApiKey")
            .WithMetadata(new ProblemCodes(404, KeyNotFound), new ProblemCodes(409, KeyInUse));
    }

    private static async Task<Results<Created<AccountView>, ProblemHttpResult>> CreateAsync(HttpRequest request,
        BusinessAccountStore accounts, ILoggerFactory loggers, CancellationToken ct)
    {
        var (body, bad) = await ApiProblem.ReadJsonAsync<CreateAccountRequest>(request,
            "{name, contactEmail, wallet, monthlyLimitUsd | monthlyLimitCents, kind?} (a dApp: {kind: \"dapp\", name, contactEmail, wallet?})", ct);
        if (body is null)
        {
            return bad!;
        }
        var kind = body.Kind ?? AccountKind.Business;
        if (!AccountInput.TryKind(kind, out var error))
        {
            return ApiProblem.Invalid(InvalidKind, "Invalid account kind", error);
        }
        var dapp = kind == AccountKind.Dapp;
        if (!AccountInput.TryName(body.Name, out var name, out error))
        {
            return ApiProblem.Invalid(InvalidName, "Invalid name", error);
        }
        if (!AccountInput.TryEmail(body.ContactEmail, out var email, out error))
        {
            return ApiProblem.Invalid(InvalidEmail, "Invalid e-mail address", error);
        }
        string? walletHex = null;
        if (!(dapp && body.Wallet is null))
        {
            if (!AccountInput.TryWallet(body.Wallet, out var wallet, out error))
            {
                return ApiProblem.Invalid(InvalidWallet, "Invalid wallet", dapp ? error : $"{error} (a business's card payments credit it)");
            }
            walletHex = wallet.LowerHex;
        }
        if (!AccountInput.TryLimit(body.MonthlyLimitCents, body.MonthlyLimitUsd, out var limit, out error))
        {
            return ApiProblem.Invalid(InvalidLimit, "Invalid monthly limit", error);
        }
        if (dapp && limit is not null)
        {
            return ApiProblem.Invalid(InvalidLimit, "Invalid monthly limit",
                "a dApp account pays no card checkouts, so it has no monthly card limit: leave monthlyLimitUsd and monthlyLimitCents out " +
                "(or make a business account)");
        }
        if (!dapp && limit is null)
        {
            return ApiProblem.Invalid(InvalidLimit, "Invalid monthly limit",
                "the monthly card limit is required: monthlyLimitUsd (e.g. \"1500.00\") or monthlyLimitCents");
        }
        var account = await accounts.CreateAsync(new NewBusinessAccount(name, email, walletHex, limit ?? 0, kind), ct);
        Logger(loggers).LogInformation("Account {AccountId} ({Kind}) created (monthly limit {LimitCents} cents)", account.Id, account.Kind,
            account.MonthlyLimitCents);
        return TypedResults.Created($"/v1/admin/accounts/{account.Id}", AccountViews.From(account));
    }

    private static async Task<Results<Ok<AccountPage>, ProblemHttpResult>> ListAsync([FromQuery] string? status, [FromQuery] string? kind,
        [FromQuery] string? limit, [FromQuery] string? before, BusinessAccountStore accounts, CancellationToken ct)
    {
        if (status is not null && !AccountInput.TryStatus(status, out var error))
        {
            return ApiProblem.Invalid(InvalidStatus, "Invalid account status", error);
        }
        if (kind is not null && !AccountInput.TryKind(kind, out error))
        {
            return ApiProblem.Invalid(InvalidKind, "Invalid account kind", error);
        }
        if (!PageRequest.TryParse(limit, before, out var page, out var problem))
        {
            return problem;
        }
        var rows = await accounts.ListAsync(page.Fetch, page.Before, status, ct, kind);
        var (items, next) = page.Cut(rows, a => a.Id);
        return TypedResults.Ok(new AccountPage(items.Select(AccountViews.From).ToList(), next));
    }

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> GetAsync(string id, BusinessAccountStore accounts,
        CancellationToken ct)
    {
        var account = TryId(id, out var accountId) ? await accounts.GetAsync(accountId, ct) : null;
        return account is null ? NoAccount(id) : TypedResults.Ok(AccountViews.From(account));
    }

    /// <summary>
    /// Changes what the body gives. Taking an account from <c>on-hold</c> back to <c>active</c> needs a <c>note</c> (how
    /// the hold was resolved: 422 <c>note-required</c> without one) and is recorded as a <c>hold-resolved</c> account entry.
    /// </summary>
    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> UpdateAsync(string id, HttpRequest request,
        BusinessAccountStore accounts, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!TryId(id, out var accountId))
        {
            return NoAccount(id);
        }
        var (body, bad) = await ApiProblem.ReadJsonAsync<UpdateAccountRequest>(request,
            "{name?, contactEmail?, wallet?, monthlyLimitUsd? | monthlyLimitCents?, status?, note?}", ct);
        if (body is null)
        {
            return bad!;
        }
        string? name = null, email = null, wallet = null, error;
        if (body.Name is not null && !AccountInput.TryName(body.Name, out name, out error))
        {
            return ApiProblem.Invalid(InvalidName, "Invalid name", error);
        }
        if (body.ContactEmail is not null && !AccountInput.TryEmail(body.ContactEmail, out email, out error))
        {
            return ApiProblem.Invalid(InvalidEmail, "Invalid e-mail address", error);
        }
        if (body.Wallet is not null)
        {
            if (!AccountInput.TryWallet(body.Wallet, out var parsed, out error))
            {
                return ApiProblem.Invalid(InvalidWallet, "Invalid wallet", error);
            }
            wallet = parsed.LowerHex;
        }
        if (!AccountInput.TryLimit(body.MonthlyLimitCents, body.MonthlyLimitUsd, out var limit, out error))
        {
            return ApiProblem.Invalid(InvalidLimit, "Invalid monthly limit", error);
        }
        if (limit is not null && await accounts.GetAsync(accountId, ct) is { Kind: AccountKind.Dapp })
        {
            return ApiProblem.Invalid(InvalidLimit, "Invalid monthly limit",
                $"account {accountId} is a dApp account: it pays no card checkouts, so it has no monthly card limit to change");
        }
        if (body.Status is not null && !AccountInput.TryStatus(body.Status, out error))
        {
            return ApiProblem.Invalid(InvalidStatus, "Invalid account status", error);
        }
        if (!AccountInput.TryNote(body.Note, out var note, out error))
        {
            return ApiProblem.Invalid(InvalidNote, "Invalid note", error);
        }

        var (outcome, account) = await accounts.UpdateAsync(accountId,
            new BusinessAccountChange(name, email, wallet, limit, body.Status, note), ct);
        switch (outcome)
        {
            case AccountUpdateOutcome.NotFound:
                return NoAccount(id);
            case AccountUpdateOutcome.NoteRequired:
                return ApiProblem.Invalid(NoteRequired, "A note is required",
                    $"account {accountId} is on hold: to make it active again, say in 'note' how the hold was resolved " +
                    $"(it is kept as the account's status note and in its entries)");
            default:
                Logger(loggers).LogInformation("Business account {AccountId} updated: status {Status}", accountId, account!.Status);
                if (account.Status == BusinessAccountStatus.Active && request.HttpContext.RequestServices.GetService<CardCheckout>() is { } cards)
                {
                    await cards.FulfilHeldAsync(accountId, ct); // card payments that arrived during the hold
                }
                return TypedResults.Ok(AccountViews.From(account));
        }
    }

    /// <summary>A new API key: the answer carries the key, once (and <c>Cache-Control: no-store</c>).</summary>
    private static async Task<Results<Created<CreatedApiKeyView>, ProblemHttpResult>> CreateKeyAsync(string id, HttpContext context,
        BusinessAccountStore accounts, ILoggerFactory loggers, CancellationToken ct) =>
        TryId(id, out var accountId)
            ? await IssueKeyAsync(accountId, context, accounts, loggers, $"/v1/admin/accounts/{accountId}/keys", ct)
            : NoAccount(id);

    /// <summary>
    /// Makes a key of <paramref name="accountId"/> (for an operator, or for the account itself with one of its keys) from the
    /// optional body <c>{label?}</c>; the answer carries the key, once (and <c>Cache-Control: no-store</c>).
    /// </summary>
    private static async Task<Results<Created<CreatedApiKeyView>, ProblemHttpResult>> IssueKeyAsync(long accountId, HttpContext context,
        BusinessAccountStore accounts, ILoggerFactory loggers, string location, CancellationToken ct)
    {
        string? label = null;
        if (HasBody(context.Request))
        {
            var (body, bad) = await ApiProblem.ReadJsonAsync<CreateApiKeyRequest>(context.Request, "{label?} or no body", ct);
            if (body is null)
            {
                return bad!;
            }
            if (!AccountInput.TryLabel(body.Label, out label, out var error))
            {
                return ApiProblem.Invalid(InvalidLabel, "Invalid label", error);
            }
        }
        for (var attempt = 0; attempt < KeyAttempts; attempt++)
        {
            var key = ApiKeys.Generate();
            var (outcome, row) = await accounts.AddKeyAsync(accountId, ApiKeys.Prefix(key), ApiKeys.Sha256(key), label, ct);
            if (outcome == ApiKeyAddOutcome.AccountNotFound)
            {
                return NoAccount(accountId.ToString(CultureInfo.InvariantCulture));
            }
            if (outcome == ApiKeyAddOutcome.Added)
            {
                Logger(loggers).LogInformation("API key {KeyPrefix} created for account {AccountId}", row!.Prefix, accountId);
                context.Response.Headers[HeaderNames.CacheControl] = "no-store";
                return TypedResults.Created(location, new CreatedApiKeyView(row.Id, accountId, key, row.Prefix, row.Label, row.CreatedAt, KeyNotice));
            }
        }
        throw new InvalidOperationException(
            $"{KeyAttempts} new API keys in a row collided with existing ones: the random number generator cannot be trusted");
    }

    private static async Task<Results<Ok<ApiKeyList>, ProblemHttpResult>> KeysAsync(string id, BusinessAccountStore accounts,
        CancellationToken ct)
    {
        if (!TryId(id, out var accountId) || await accounts.GetAsync(accountId, ct) is null)
        {
            return NoAccount(id);
        }
        return await KeysOfAsync(accountId, accounts, ct);
    }

    private static async Task<Ok<ApiKeyList>> KeysOfAsync(long accountId, BusinessAccountStore accounts, CancellationToken ct) =>
        TypedResults.Ok(new ApiKeyList((await accounts.KeysAsync(accountId, ct)).Select(AccountViews.Key).ToList()));

    /// <summary>Revokes a key (idempotent: 204 again for a revoked key, which keeps its first revocation time).</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKeyAsync(string id, string keyId, BusinessAccountStore accounts,
        ILoggerFactory loggers, CancellationToken ct)
    {
        if (!TryId(id, out var accountId) || await accounts.GetAsync(accountId, ct) is null)
        {
            return NoAccount(id);
        }
        return await RevokeAsync(accountId, keyId, accounts, loggers, $"GET /v1/admin/accounts/{accountId}/keys", ct);
    }

    /// <summary>
    /// An account revokes one of its own keys, as <see cref="RevokeKeyAsync"/>; never the key making the request (409
    /// <c>key-in-use</c>: sign in with another key first), so an account cannot lock itself out by mistake.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeOwnKeyAsync(string keyId, HttpContext context,
        BusinessAccountStore accounts, ILoggerFactory loggers, CancellationToken ct)
    {
        var current = context.ApiKey();
        if (TryId(keyId, out var parsed) && parsed == current.Id)
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, KeyInUse, "This key is in use",
                $"key {current.Prefix}… made this request: to revoke it, use another key of the account (create one with POST /v1/account/keys)");
        }
        return await RevokeAsync(context.Account().Id, keyId, accounts, loggers, "GET /v1/account/keys", ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(long accountId, string keyId, BusinessAccountStore accounts,
        ILoggerFactory loggers, string listRoute, CancellationToken ct)
    {
        var key = TryId(keyId, out var parsedKeyId) ? await accounts.RevokeKeyAsync(accountId, parsedKeyId, ct) : null;
        if (key is null)
        {
            return ApiProblem.NotFound(KeyNotFound, "API key not found",
                $"account {accountId} has no API key {ApiProblem.Quote(keyId)} (see {listRoute})");
        }
        Logger(loggers).LogInformation("API key {KeyPrefix} of account {AccountId} revoked at {RevokedAt}", key.Prefix, accountId, key.RevokedAt);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// <c>GET /v1/account</c>: the account of the API key used, as read when the key was checked, this month's card use, and that key's prefix.
    /// </summary>
    private static async Task<Ok<OwnAccountView>> Own(HttpContext context, CheckoutStore checkouts, TimeProvider clock, CancellationToken ct)
    {
        var account = context.Account();
        var used = await checkouts.UsedSinceAsync(account.Id, CheckoutStore.MonthStart(clock.GetUtcNow()), ct);
        return TypedResults.Ok(AccountViews.Own(account, context.ApiKey(), used));
    }

    /// <summary>False for a request with no body at all (no content type, no or zero length).</summary>
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || request.ContentType is not null || request.Headers.TransferEncoding.Count > 0;

    /// <summary>Ids are positive whole numbers; anything else names no account or key.</summary>
    private static bool TryId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static ProblemHttpResult NoAccount(string id) =>
        ApiProblem.NotFound(AccountNotFound, "Account not found", $"no business account {ApiProblem.Quote(id)}");

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(AccountEndpoints));
}
