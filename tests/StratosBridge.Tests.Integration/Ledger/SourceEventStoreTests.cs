using StratosBridge.Core.Ledger;
using StratosBridge.Ledger.SourceEvents;

namespace StratosBridge.Tests.Integration.Ledger;

public sealed class SourceEventStoreTests
{
    internal static SourceEventRow Lock(string txHash, int logIndex = 0, string chain = "ethereum") => new()
    {
        Chain = chain,
        TxHash = txHash,
        SourceRef = logIndex.ToString(),
        Kind = "locked",
        BlockNumber = 100,
        BlockHash = "0x" + new string('b', 64),
        // as the watcher writes it: the release id the destination vault will record (here derived from the tx hash), and the
        // lock's vault and nonce, which the relay reads
        Payload = $$"""{"amount":"1000000000000000000","releaseId":"0x{{txHash[2..].PadLeft(64, '0')[..64]}}","vault":"0x00000000000000000000000000000000000000a1","nonce":"{{logIndex}}"}""",
    };

    [Fact]
    public async Task Duplicate_natural_key_is_already_known_and_stored_once()
    {
        await using var ledger = await LedgerHarness.CreateAsync("source_dup");
        var store = ledger.Get<SourceEventStore>();
        var tx = "0x" + new string('a', 64);

        Assert.Equal(Recorded.Inserted, await store.RecordAsync(Lock(tx)));
        Assert.Equal(Recorded.AlreadyKnown, await store.RecordAsync(Lock(tx)));
        Assert.Equal(Recorded.Inserted, await store.RecordAsync(Lock(tx, logIndex: 1)));
        Assert.Equal(Recorded.Inserted, await store.RecordAsync(Lock(tx, chain: "bsc")));

        Assert.Equal(1, await ledger.ScalarAsync($"SELECT count(*) FROM source_events WHERE chain = 'ethereum' AND tx_hash = '{tx}' AND source_ref = '0'"));
        Assert.Equal(3, await ledger.ScalarAsync("SELECT count(*) FROM source_events"));
    }

    [Fact]
    public async Task Eight_concurrent_inserters_of_one_key_store_one_row()
    {
        await using var ledger = await LedgerHarness.CreateAsync("source_race");
        var store = ledger.Get<SourceEventStore>();
        var tx = "0x" + new string('c', 64);
        using var start = new ManualResetEventSlim();

        var inserters = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await store.RecordAsync(Lock(tx));
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(inserters);

        Assert.Single(outcomes, o => o == Recorded.Inserted);
        Assert.Equal(7, outcomes.Count(o => o == Recorded.AlreadyKnown));
        Assert.Equal(1, await ledger.ScalarAsync("SELECT count(*) FROM source_events"));
    }
}
