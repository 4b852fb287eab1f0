namespace StratosBridge.Core.Grants;

/// <summary>The stable codes of a refused claim (the API's ProblemDetails <c>code</c>, and what operators see counted).</summary>
public static class GrantRefusals
{
    public const string ProgramNotFound = "grant-program-not-found";
    public const string NotOpen = "grant-not-open";
    public const string WalletDenied = "grant-wallet-denied";
    public const string WalletNotAllowed = "grant-wallet-not-allowed";
    public const string AlreadyClaimed = "grant-already-claimed";
    public const string CodeUnknown = "grant-code-unknown";
    public const string CodeExpired = "grant-code-expired";
    public const string CodeUsedUp = "grant-code-used-up";
    public const string BudgetExhausted = "grant-budget-exhausted";
    public const string NoPrice = "grant-price-unavailable";
    public const string InvalidChallenge = "grant-challenge-invalid";
    public const string ChallengeExpired = "grant-challenge-expired";
    public const string ChallengeUsed = "grant-challenge-used";
    public const string BadSignature = "grant-signature-invalid";
    public const string Gate = "grant-gate-refused";
}
