using System.Text.Json;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Solana;

namespace StratosBridge.Tests.Integration.Solana;

/// <summary>
/// On a devnet of its own with a long finality depth (50 slots of 100 ms), a transaction and the balance it makes are
/// seen at processed at once, at confirmed a slot later and at finalized only 50 slots later — never earlier.
/// </summary>
public sealed class SolanaDevnetFinalityTests : IAsyncLifetime
{
    private SolanaDevnetNode _node = null!;

    public async Task InitializeAsync() => _node = await SolanaDevnetNode.StartAsync(slotMs: 100, finalityDepth: 50);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_transaction_is_visible_at_a_commitment_only_once_its_slot_is_reached()
    {
        // A machine too busy to read before the devnet's five seconds to finality are up tries again with a new airdrop.
        for (var attempt = 1; ; attempt++)
        {
            var address = (await SolanaDevnetNode.CreateAddressesAsync(1))[0];
            var signature = await _node.AirdropAsync(address, 3_000_000_000);

            var processed = await _node.RpcAsync("getBalance", address, new { commitment = "processed" });
            Assert.Equal(3_000_000_000UL, processed.GetProperty("value").GetUInt64());
            var slot = (await Eventually.HoldsAsync(
                    () => _node.RpcAsync("getTransaction", signature, new { commitment = "confirmed", encoding = "json" }),
                    t => t.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(120), "the airdrop at confirmed"))
                .GetProperty("slot").GetUInt64();

            var reads = new List<(ulong ContextSlot, ulong Lamports, bool TransactionSeen, int Signatures, ulong SlotAfter)>();
            await Eventually.HoldsAsync(async () =>
            {
                var balance = await _node.RpcAsync("getBalance", address, new { commitment = "finalized" });
                var transaction = await _node.RpcAsync("getTransaction", signature, new { commitment = "finalized", encoding = "json" });
                var signatures = await _node.RpcAsync("getSignaturesForAddress", address, new { commitment = "finalized" });
                var read = (balance.GetProperty("context").GetProperty("slot").GetUInt64(), balance.GetProperty("value").GetUInt64(),
                    transaction.ValueKind == JsonValueKind.Object, signatures.GetArrayLength(), await _node.SlotAsync("finalized"));
                reads.Add(read);
                return read.Item3 && read.Item4 == 1 && read.Item2 == 3_000_000_000UL;
            }, _node.FinalityTimeout, "the airdrop to be finalized", TimeSpan.FromMilliseconds(50));

            // Whatever the timing, every balance agrees with the finalized slot it was read at…
            Assert.All(reads, r => Assert.Equal(r.ContextSlot >= slot ? 3_000_000_000UL : 0UL, r.Lamports));
            // …and the transaction and its signature are there once finalized has reached its slot, and not before.
            Assert.All(reads.Where(r => r.ContextSlot >= slot), r => Assert.True(r.TransactionSeen && r.Signatures == 1));
            Assert.All(reads.Where(r => r.TransactionSeen || r.Signatures > 0), r => Assert.True(r.SlotAfter >= slot));
            Assert.True(await _node.SlotAsync("finalized") >= slot);
            if (reads.Any(r => r.ContextSlot < slot))
            {
                return;
            }
            Assert.True(attempt < 5, $"in {attempt} tries, no read happened before finality");
        }
    }
}
