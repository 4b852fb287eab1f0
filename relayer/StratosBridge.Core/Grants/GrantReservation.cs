using StratosBridge.Core.Payments;

namespace StratosBridge.Core.Grants;

/// <summary>
/// What becomes of the STOS a grant claim reserves from its program's budget, by the state of the claim's credit. The
/// reservation is held while the credit is on its way (<c>ready</c>, <c>submitted</c>, and <c>needs-operator</c>, whose
/// prepay may have bought the Ozone: an operator settles or retries it, and either way it stays the claim's), and spent
/// when the credit completes. When the credit fails for good (<see cref="ReleasedOn"/>) nothing was bought: the
/// reservation goes back to the program (its total, the claim's day and its campaign code's use) in the transaction that
/// fails the credit, and the claim is over: its credit stays failed (operators neither settle nor retry it) and the
/// wallet may claim again. A wallet has one claim in flight or completed per program.
/// </summary>
public static class GrantReservation
{
    /// <summary>The credit state that gives a grant's reservation back.</summary>
    public const CreditStatus ReleasedOn = CreditStatus.Failed;

    /// <summary>The claim's Ozone is on its way (its reservation held).</summary>
    public const string Pending = "pending";

    /// <summary>The claim's Ozone was bought (its reservation spent).</summary>
    public const string Completed = "completed";

    /// <summary>The claim's credit failed for good: nothing was bought, its reservation went back, the wallet may claim again.</summary>
    public const string Failed = "failed";

    /// <summary>The claim's state (<see cref="Pending"/>, <see cref="Completed"/>, <see cref="Failed"/>) from its credit's and whether it released its reservation.</summary>
    public static string ClaimState(CreditStatus credit, bool released) =>
        released ? Failed : credit == CreditStatus.Completed ? Completed : Pending;
}
