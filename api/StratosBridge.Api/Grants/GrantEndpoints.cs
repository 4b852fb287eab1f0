using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Accounts;
using StratosBridge.Api.Docs;
using StratosBridge.Api.Problems;
using StratosBridge.Api.RateLimiting;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Core.Grants;
using StratosBridge.Ledger.Grants;
using StratosBridge.Pricing;
using StratosBridge.Pricing.Ozone;

namespace StratosBridge.Api.Grants;

/// <summary>
/// Free Ozone for wallets (Stratos Drive users, or any dApp's): <c>GET /v1/grants/{program}</c> (what a claim gives, and
/// whether it is open); <c>POST /v1/grants/{program}/challenges</c> <c>{wallet}</c> (a one-time message to sign);
/// <c>POST /v1/grants/{program}/claims</c> <c>{wallet, challengeId, signature, code?, proof?}</c> (201: the claim and its
/// credit, bought by the credit worker like any other); <c>GET /v1/grants/{program}/claims/{wallet}</c> (the wallet's latest
/// claim and its state: pending, completed, or failed with its reservation given back, after which the wallet may claim again).
/// The signature is EIP-191 <c>personal_sign</c> of the challenge's message by the wallet's key (Stratos accounts are
/// eth_secp256k1 keys, so the recovered 0x address is the <c>st1…</c> account). Refusals: 400 <c>invalid-json</c>; 422
/// <c>invalid-wallet</c>, <c>invalid-grant-code</c>, <c>grant-challenge-invalid</c>, <c>grant-challenge-expired</c>,
/// <c>grant-challenge-used</c>, <c>grant-code-unknown</c>; 401 <c>grant-signature-invalid</c>; 403 <c>grant-wallet-denied</c>,
/// <c>grant-wallet-not-allowed</c>, <c>grant-gate-refused</c>; 404 <c>grant-program-not-found</c>, <c>grant-claim-not-found</c>;
/// 409 <c>grant-not-open</c>, <c>grant-already-claimed</c>, <c>grant-code-expired</c>, <c>grant-code-used-up</c>,
/// <c>grant-budget-exhausted</c>; 429 <c>rate-limited</c> (per client IP, and per program); 503 <c>grant-price-unavailable</c>.
/// </summary>
public static class GrantEndpoints
{
    public const string InvalidCode = "invalid-grant-code";
    public const string ClaimNotFound = "grant-claim-not-found";

    public static void Map(RouteGroupBuilder v1)
    {
        var grants = v1.MapGroup("/grants");
        grants.MapGet("/{program}", GetAsync).WithName("GetGrantProgram").RequireRateLimiting(AnonymousRateLimits.Lookups)
            .WithMetadata(new ProblemCodes(404, GrantRefusals.ProgramNotFound));
        grants.MapPost("/{program}/challenges", ChallengeAsync).WithName("CreateGrantChallenge")
            .WithMetadata(new DocumentedBody(typeof(GrantChallengeRequest))).RequireRateLimiting(AnonymousRateLimits.Grants)
            .WithMetadata(new ProblemCodes(404, GrantRefusals.ProgramNotFound), new ProblemCodes(422, AccountEndpoints.InvalidWallet));
        grants.MapPost("/{program}/claims", ClaimAsync).WithName("ClaimGrant")
            .WithMetadata(new DocumentedBody(typeof(GrantClaimRequest))).RequireRateLimiting(AnonymousRateLimits.Grants)
            .WithMetadata(new ProblemCodes(401, GrantRefusals.BadSignature),
                new ProblemCodes(403, GrantRefusals.WalletDenied, GrantRefusals.WalletNotAllowed, GrantRefusals.Gate),
                new ProblemCodes(404, GrantRefusals.ProgramNotFound),
                new ProblemCodes(409, GrantRefusals.NotOpen, GrantRefusals.AlreadyClaimed, GrantRefusals.CodeExpired, GrantRefusals.CodeUsedUp,
                    GrantRefusals.BudgetExhausted),
                new ProblemCodes(422, AccountEndpoints.InvalidWallet, InvalidCode, GrantRefusals.InvalidChallenge, GrantRefusals.ChallengeExpired,
                    GrantRefusals.ChallengeUsed, GrantRefusals.CodeUnknown),
                new ProblemCodes(503, GrantRefusals.NoPrice));
        grants.MapGet("/{program}/claims/{wallet}", ClaimOfAsync).WithName("GetGrantClaim").RequireRateLimiting(AnonymousRateLimits.Lookups)
            .WithMetadata(new ProblemCodes(404, GrantRefusals.ProgramNotFound, ClaimNotFound), new ProblemCodes(422, AccountEndpoints.InvalidWallet));
    }

    private static async Task<Results<Ok<PublicGrantProgramView>, ProblemHttpResult>> GetAsync(string program, GrantStore store,
        IOptions<PricingOptions> pricing, TimeProvider clock, CancellationToken ct) =>
        await store.GetProgramAsync(program, ct) is { } row
            ? TypedResults.Ok(GrantViews.Public(row, pricing.Value.NozPerGb, clock.GetUtcNow()))
            : NoProgram(program);

    private static async Task<Results<Created<GrantChallengeView>, ProblemHttpResult>> ChallengeAsync(string program, HttpRequest request,
        GrantStore store, IOptions<GrantOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (body, bad) = await ApiProblem.ReadJsonAsync<GrantChallengeRequest>(request, "{wallet}", ct);
        if (body is null)
        {
            return bad!;
        }
        if (!AccountInput.TryWallet(body.Wallet, out var wallet, out var error))
        {
            return ApiProblem.Invalid(AccountEndpoints.InvalidWallet, "Invalid wallet", error);
        }
        if (await store.GetProgramAsync(program, ct) is not { } row)
        {
            return NoProgram(program);
        }
        var id = Guid.NewGuid();
        var expires = clock.GetUtcNow() + options.Value.ChallengeLifetime;
        var message = GrantChallengeText.For(options.Value.ServiceName, row.Id, row.Name, wallet.LowerHex, wallet.Bech32, id, expires);
        await store.RecordChallengeAsync(new GrantChallengeRow(id, row.Id, wallet.LowerHex, message, expires, null), ct);
        return TypedResults.Created($"/v1/grants/{row.Id}/challenges/{id}",
            new GrantChallengeView(id, row.Id, new GrantWalletView(wallet.Hex, wallet.Bech32), message, expires));
    }

    private static async Task<Results<Created<GrantClaimView>, ProblemHttpResult>> ClaimAsync(string program, HttpContext context,
        GrantStore store, OzoneMarket ozone, IGrantClaimGate gate, GrantClaimLimiter limiter, IOptions<GrantOptions> options, IOptions<PricingOptions> pricing,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var (body, bad) = await ApiProblem.ReadJsonAsync<GrantClaimRequest>(context.Request, "{wallet, challengeId, signature, code?, proof?}", ct);
        if (body is null)
        {
            return bad!;
        }
        if (!AccountInput.TryWallet(body.Wallet, out var wallet, out var error))
        {
            return ApiProblem.Invalid(AccountEndpoints.InvalidWallet, "Invalid wallet", error);
        }
        var code = body.Code?.Trim() is { Length: > 0 } given ? given : null;
        if (code is not null && !GrantInput.IsCode(code))
        {
            return ApiProblem.Invalid(InvalidCode, "Invalid campaign code", "a campaign code is 3 to 64 letters, digits, '-' or '_'");
        }
        if (!Guid.TryParse(body.ChallengeId, out var challengeId))
        {
            return Refused(GrantRefusals.InvalidChallenge, "challengeId must be the id of a challenge from POST /v1/grants/{program}/challenges");
        }
        if (!limiter.TryAcquire(program))
        {
            return ApiProblem.Create(StatusCodes.Status429TooManyRequests, AnonymousRateLimits.RateLimited, "Too many requests",
                $"the program takes at most {options.Value.ClaimsPerProgramPerMinute} claims a minute; try again in a minute");
        }
        var challenge = await store.ChallengeAsync(challengeId, ct);
        var refusal = CheckChallenge(challenge, program, wallet.LowerHex, body.Signature, clock.GetUtcNow());
        if (refusal is null && await gate.RefuseAsync(context, program, wallet.LowerHex, body.Proof, ct) is { } gateSays)
        {
            refusal = new GrantRefusal(GrantRefusals.Gate, gateSays);
        }
        if (refusal is null && !await store.UseChallengeAsync(challengeId, ct))
        {
            refusal = new GrantRefusal(GrantRefusals.ChallengeUsed, "this challenge has been used (or has just expired): ask for a new one");
        }
        GrantClaimResult result;
        if (refusal is not null)
        {
            result = new GrantClaimResult(null, refusal);
        }
        else
        {
            result = await store.ClaimAsync(program, wallet.LowerHex, code, context.Connection.RemoteIpAddress?.ToString(),
                facts => GrantClaimPolicy.Decide(facts, noz => ozone.Fresh()?.WeiFor(noz)), ct);
        }
        var logger = loggers.CreateLogger(typeof(GrantEndpoints));
        if (result.Refusal is { } no)
        {
            if (no.Code != GrantRefusals.ProgramNotFound)
            {
                await store.RecordRefusalAsync(program, wallet.LowerHex, no.Code, CancellationToken.None);
            }
            logger.LogInformation("Grant claim of {Program} for {Wallet} refused: {Reason}", program, wallet.LowerHex, no.Code);
            return Refused(no.Code, no.Detail);
        }
        var claim = result.Claim!;
        logger.LogInformation("Grant claim {ClaimId} of {Program} for {Wallet}: {Noz} noz for {StosWei} STOS wei, credit {CreditId}",
            claim.Id, program, claim.Wallet, claim.Noz, claim.StosWei, claim.CreditId);
        if (result.AlarmPercent is { } percent)
        {
            logger.LogWarning("ALARM grant-budget: program {Program} has reserved {Percent}% or more of today's budget", program, percent);
        }
        return TypedResults.Created($"/v1/grants/{program}/claims/{claim.Wallet}", GrantViews.Claim(claim, pricing.Value.NozPerGb));
    }

    private static async Task<Results<Ok<GrantClaimView>, ProblemHttpResult>> ClaimOfAsync(string program, string wallet, GrantStore store,
        IOptions<PricingOptions> pricing, CancellationToken ct)
    {
        if (!AccountInput.TryWallet(wallet, out var account, out var error))
        {
            return ApiProblem.Invalid(AccountEndpoints.InvalidWallet, "Invalid wallet", error);
        }
        if (await store.ClaimOfAsync(program, account.LowerHex, ct) is { } claim)
        {
            return TypedResults.Ok(GrantViews.Claim(claim, pricing.Value.NozPerGb));
        }
        return await store.GetProgramAsync(program, ct) is null
            ? NoProgram(program)
            : ApiProblem.NotFound(ClaimNotFound, "No claim", $"{account.Bech32} has not claimed from '{program}'");
    }

    /// <summary>Null when the challenge is this wallet's for this program, unused, unexpired, and signed by the wallet.</summary>
    private static GrantRefusal? CheckChallenge(GrantChallengeRow? challenge, string program, string wallet, string? signature,
        DateTimeOffset now)
    {
        if (challenge is null || challenge.ProgramId != program || challenge.Wallet != wallet)
        {
            return new GrantRefusal(GrantRefusals.InvalidChallenge, "no challenge with that id was given to this wallet for this program");
        }
        if (challenge.UsedAt is not null)
        {
            return new GrantRefusal(GrantRefusals.ChallengeUsed, "this challenge has been used: ask for a new one");
        }
        if (challenge.ExpiresAt <= now)
        {
            return new GrantRefusal(GrantRefusals.ChallengeExpired, $"this challenge expired at {challenge.ExpiresAt:u}: ask for a new one");
        }
        if (!PersonalMessage.TryRecover(challenge.Message, signature, out var signer, out var error))
        {
            return new GrantRefusal(GrantRefusals.BadSignature, error);
        }
        return signer.ToLowerHex() == wallet
            ? null
            : new GrantRefusal(GrantRefusals.BadSignature, "the signature is not the wallet's: sign the challenge's message with the wallet's key");
    }

    /// <summary>404 <c>grant-program-not-found</c>, for the public and the admin routes.</summary>
    internal static ProblemHttpResult NoProgram(string program) =>
        ApiProblem.NotFound(GrantRefusals.ProgramNotFound, "No such grant program", $"there is no grant program {ApiProblem.Quote(program)}");

    private static ProblemHttpResult Refused(string code, string detail) => code switch
    {
        GrantRefusals.ProgramNotFound => ApiProblem.NotFound(code, "No such grant program", detail),
        GrantRefusals.BadSignature => ApiProblem.Create(StatusCodes.Status401Unauthorized, code, "The signature does not prove the wallet", detail),
        GrantRefusals.WalletDenied or GrantRefusals.WalletNotAllowed or GrantRefusals.Gate =>
            ApiProblem.Create(StatusCodes.Status403Forbidden, code, "This wallet may not claim", detail),
        GrantRefusals.NotOpen or GrantRefusals.AlreadyClaimed or GrantRefusals.CodeExpired or GrantRefusals.CodeUsedUp
            or GrantRefusals.BudgetExhausted => ApiProblem.Create(StatusCodes.Status409Conflict, code, "The claim cannot be granted", detail),
        GrantRefusals.NoPrice => ApiProblem.Create(StatusCodes.Status503ServiceUnavailable, code, "Temporarily unable to price", detail),
        _ => ApiProblem.Invalid(code, "The claim cannot be checked", detail),
    };
}
