using System.Net;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.States;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

public sealed class TransferAttemptsTests
{
    [Fact]
    public async Task The_transfer_api_shows_how_many_relay_attempts_failed()
    {
        await using var api = await InProcessApi.StartAsync("api_attempts", ApiChains.Settings);
        var id = await api.Seed.LockAsync("ethereum", TxHash(7), 0, 900, Stored(Alice), Stored(Bob), 1);
        await api.Seed.MoveAsync(id, TransferStatus.Pending, TransferStatus.Finalized, new TransitionStep("watcher:test", "final"));
        for (var i = 0; i < 2; i++)
        {
            var claimed = await api.Seed.Releases.ClaimAsync("ethereum", "stratos", 10, "relay-1", TimeSpan.FromMinutes(1));
            Assert.Equal(i, Assert.Single(claimed).Attempts);
            await api.Seed.Releases.BackOffAsync([id], "relay-1", i == 0 ? TimeSpan.Zero : TimeSpan.FromMinutes(5), "the vault is paused");
        }

        var (status, _, body, raw) = await api.GetAsync($"/v1/transfers/ethereum/{TxHash(7)}");

        Assert.True(status == HttpStatusCode.OK, raw);
        var transfer = Assert.Single(body["transfers"]!.AsArray())!;
        Assert.Equal(2, transfer["attempts"]!.GetValue<int>());
        Assert.Equal("the vault is paused", transfer["lastError"]!.GetValue<string>());
    }
}
