namespace StratosBridge.Core.Pauses;

/// <summary>
/// The pauses in force, as read from the ledger at the start of a worker's round (every instance reads them each round,
/// so a pause takes effect everywhere within one round), and the one policy of which work each stops.
/// </summary>
public sealed class PauseSet(IReadOnlyList<ActivePause> active)
{
    /// <summary>The pay chain of card payments (the ledger's <c>payments.chain</c> for Stripe).</summary>
    public const string CardChain = "card";

    public static PauseSet None { get; } = new([]);

    public IReadOnlyList<ActivePause> Active { get; } = active;

    /// <summary>The pauses that stop releases (and refunds) of what was locked on <paramref name="source"/> towards <paramref name="destination"/>.</summary>
    public IReadOnlyList<ActivePause> ForRoute(string source, string destination) => Active.Where(p => p.Scope switch
    {
        PauseScope.All => true,
        PauseScope.Chain => p.Chain == source || p.Chain == destination,
        PauseScope.Route => p.Chain == source && p.Destination == destination,
        _ => false,
    }).ToList();

    /// <summary>
    /// The pauses that stop a prepay, sent on <paramref name="stratosChain"/>, for a payment made on <paramref name="payChain"/>
    /// (<c>ethereum</c>, <c>bsc</c>, <c>solana</c>, <c>card</c>); also those that refuse new quotes paid there.
    /// </summary>
    public IReadOnlyList<ActivePause> ForCredit(string payChain, string? stratosChain) => Active.Where(p => p.Scope switch
    {
        PauseScope.All => true,
        PauseScope.Chain => p.Chain == payChain || p.Chain == stratosChain,
        PauseScope.Credits => p.Chain is null || p.Chain == payChain,
        PauseScope.Cards => payChain == CardChain,
        _ => false,
    }).ToList();

    /// <summary>True when no prepay may be sent at all (everything, all credits, or the chain prepays are sent on).</summary>
    public bool StopsAllCredits(string stratosChain) => Active.Any(p => p.Scope switch
    {
        PauseScope.All => true,
        PauseScope.Chain => p.Chain == stratosChain,
        PauseScope.Credits => p.Chain is null,
        _ => false,
    });

    /// <summary>The pay chains whose payments' prepays are stopped (when <see cref="StopsAllCredits"/> is false).</summary>
    public IReadOnlyList<string> StoppedPayChains() => Active.SelectMany(p => p.Scope switch
    {
        PauseScope.Chain or PauseScope.Credits when p.Chain is not null => [p.Chain],
        PauseScope.Cards => [CardChain],
        _ => Array.Empty<string>(),
    }).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The ledger and API name of a scope.</summary>
    public static string Wire(PauseScope scope) => scope.ToString().ToLowerInvariant();

    /// <summary>The ledger and API name of an origin: <c>operator</c>, <c>on-chain</c>, <c>reconciliation</c>.</summary>
    public static string Wire(PauseOrigin origin) => origin switch
    {
        PauseOrigin.OnChain => "on-chain",
        _ => origin.ToString().ToLowerInvariant(),
    };

    public static bool TryParseScope(string? wire, out PauseScope scope)
    {
        foreach (var s in Enum.GetValues<PauseScope>())
        {
            if (Wire(s) == wire)
            {
                scope = s;
                return true;
            }
        }
        scope = default;
        return false;
    }

    public static PauseOrigin ParseOrigin(string wire) =>
        Enum.GetValues<PauseOrigin>().First(o => Wire(o) == wire);
}
