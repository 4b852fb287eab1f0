using StratosBridge.Core.Pauses;

namespace StratosBridge.Tests.Unit.Pauses;

/// <summary>Which work each pause scope stops (the one policy the relay, refund and credit workers and the API apply).</summary>
public class PauseSetTests
{
    private static readonly DateTimeOffset Since = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    private static ActivePause Pause(PauseScope scope, string? chain = null, string? destination = null, PauseOrigin origin = PauseOrigin.Operator) =>
        new(1, scope, chain, destination, origin, "why", "operator:alice", Since);

    [Theory]
    [InlineData(PauseScope.All, null, null, true)]
    [InlineData(PauseScope.Chain, "ethereum", null, true)]
    [InlineData(PauseScope.Chain, "stratos", null, true)]
    [InlineData(PauseScope.Chain, "bsc", null, false)]
    [InlineData(PauseScope.Route, "ethereum", "stratos", true)]
    [InlineData(PauseScope.Route, "stratos", "ethereum", false)]
    [InlineData(PauseScope.Credits, null, null, false)]
    [InlineData(PauseScope.Cards, null, null, false)]
    public void A_route_is_stopped_by_everything_either_of_its_chains_or_itself(PauseScope scope, string? chain, string? destination, bool stops) =>
        Assert.Equal(stops, new PauseSet([Pause(scope, chain, destination)]).ForRoute("ethereum", "stratos").Count > 0);

    [Theory]
    [InlineData(PauseScope.All, null, "bsc", true)]
    [InlineData(PauseScope.Credits, null, "bsc", true)]
    [InlineData(PauseScope.Credits, "bsc", "bsc", true)]
    [InlineData(PauseScope.Credits, "ethereum", "bsc", false)]
    [InlineData(PauseScope.Chain, "bsc", "bsc", true)]
    [InlineData(PauseScope.Chain, "stratos", "bsc", true)]
    [InlineData(PauseScope.Chain, "ethereum", "bsc", false)]
    [InlineData(PauseScope.Cards, null, "bsc", false)]
    [InlineData(PauseScope.Cards, null, "card", true)]
    [InlineData(PauseScope.Route, "bsc", "stratos", false)]
    public void A_credit_is_stopped_by_its_pay_chain_the_stratos_chain_credits_or_cards(PauseScope scope, string? chain, string payChain, bool stops) =>
        Assert.Equal(stops, new PauseSet([Pause(scope, chain)]).ForCredit(payChain, "stratos").Count > 0);

    [Fact]
    public void The_credit_worker_skips_exactly_the_pay_chains_paused_or_stops_altogether()
    {
        var some = new PauseSet([Pause(PauseScope.Credits, "bsc"), Pause(PauseScope.Cards), Pause(PauseScope.Chain, "ethereum"),
            Pause(PauseScope.Route, "ethereum", "stratos")]);
        Assert.False(some.StopsAllCredits("stratos"));
        Assert.Equal(["bsc", "card", "ethereum"], some.StoppedPayChains().Order(StringComparer.Ordinal));
        Assert.True(new PauseSet([Pause(PauseScope.Credits)]).StopsAllCredits("stratos"));
        Assert.True(new PauseSet([Pause(PauseScope.Chain, "stratos")]).StopsAllCredits("stratos"));
        Assert.True(new PauseSet([Pause(PauseScope.All)]).StopsAllCredits("stratos"));
        Assert.False(PauseSet.None.StopsAllCredits("stratos"));
        Assert.Empty(PauseSet.None.StoppedPayChains());
    }

    [Fact]
    public void A_pause_says_who_since_when_what_and_why()
    {
        Assert.Equal("paused by operator since 2026-12-02T15:00:00Z (route ethereum → stratos): why",
            Pause(PauseScope.Route, "ethereum", "stratos").Message);
        Assert.Equal("paused by on-chain since 2026-12-02T15:00:00Z (credits of bsc): why",
            Pause(PauseScope.Credits, "bsc", origin: PauseOrigin.OnChain).Message);
        Assert.Equal("paused by reconciliation since 2026-12-02T15:00:00Z (everything): why",
            Pause(PauseScope.All, origin: PauseOrigin.Reconciliation).Message);
    }

    [Theory]
    [InlineData("all", PauseScope.All)]
    [InlineData("route", PauseScope.Route)]
    [InlineData("cards", PauseScope.Cards)]
    public void Scopes_parse_from_their_wire_names(string wire, PauseScope scope)
    {
        Assert.True(PauseSet.TryParseScope(wire, out var parsed));
        Assert.Equal(scope, parsed);
        Assert.Equal(wire, PauseSet.Wire(scope));
    }

    [Theory]
    [InlineData("All")]
    [InlineData("planet")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_scopes_do_not_parse(string? wire) => Assert.False(PauseSet.TryParseScope(wire, out _));
}
