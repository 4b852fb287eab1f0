namespace StratosBridge.Core.Pauses;

/// <summary>
/// What a pause stops (wire names lower case). <see cref="All"/>: every release, refund, prepay and card checkout.
/// <see cref="Chain"/>: relaying from and to one chain (its watcher keeps watching) and credits of payments made on it, or
/// every credit when it is the chain prepays are sent on. <see cref="Route"/>: releases and refunds of one source → destination.
/// <see cref="Credits"/>: prepays (of payments made on one chain, or all) and new quotes paid there.
/// <see cref="Cards"/>: new card checkouts and prepays for card payments.
/// </summary>
public enum PauseScope
{
    All,
    Chain,
    Route,
    Credits,
    Cards,
}
