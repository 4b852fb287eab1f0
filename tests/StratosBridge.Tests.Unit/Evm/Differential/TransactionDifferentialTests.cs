using System.Globalization;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Transactions;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>
/// Our use of Nethereum's offline EIP-1559 signing (every field set by us, as the relay workers do): the raw bytes equal
/// <c>cast mktx</c>'s from the same key and fields, <c>cast decode-tx</c> reports our hash and signer, and our strict
/// <see cref="SignedTransaction.Decode"/> reads cast's bytes back to the same fields. Fees stay below 2^128: cast panics
/// above that. Chain ids, nonces, gas limits and values cover their whole ranges (u64, u64, u64, u256).
/// </summary>
[Collection(CastCollection.Name)]
public class TransactionDifferentialTests
{
    [Fact]
    public async Task Eip1559_transactions_agree_with_cast_mktx()
    {
        var seed = Differential.Seed(8002);
        var random = new EvmRandom(seed);
        var cases = Enumerable.Range(0, Differential.Cases(40)).Select(_ => (Key: random.PrivateKey(), Tx: Transaction(random))).ToArray();
        await Differential.RunAsync("eip-1559 tx", seed, cases, c => Describe(c.Tx), async c =>
        {
            var key = EthKey.FromBytes(c.Key);
            var signed = c.Tx.Sign(key);
            var theirs = await Cast.RunAsync(MktxArgs(Hex.Encode(c.Key), c.Tx));
            if (theirs != signed.RawHex)
            {
                return $"cast {theirs}\n    ours {signed.RawHex}";
            }
            // cast prints the decoded transaction as a JSON string holding JSON
            using var outer = JsonDocument.Parse(await Cast.RunAsync("decode-tx", signed.RawHex));
            using var decodedByCast = JsonDocument.Parse(outer.RootElement.GetString()!);
            var castHash = decodedByCast.RootElement.GetProperty("hash").GetString();
            var castSigner = decodedByCast.RootElement.GetProperty("signer").GetString();
            if (castHash != signed.HashHex)
            {
                return $"hash: cast {castHash}, ours {signed.HashHex}";
            }
            var decoded = SignedTransaction.Decode(Hex.Decode(theirs));
            if (!string.Equals(castSigner, decoded.Sender.ToString(), StringComparison.OrdinalIgnoreCase) || decoded.Sender != key.Address)
            {
                return $"signer: cast {castSigner}, ours recovered {decoded.Sender}, key is {key.Address}";
            }
            return decoded.HashHex == signed.HashHex && Describe(decoded.Transaction) == Describe(c.Tx)
                ? null
                : $"decoding gave {Describe(decoded.Transaction)}";
        });
    }

    private static Eip1559Transaction Transaction(EvmRandom random)
    {
        // cast silently builds a legacy or EIP-2930 transaction for chains it knows lack EIP-1559 (e.g. 148), so
        // random ids come from above 2^33, where no such chain is registered
        var chainId = random.Chance(0.5)
            ? random.Pick(1UL, 56UL, 97UL, 137UL, 2047UL, 2048UL, 31337UL, 11155111UL)
            : (1UL << 33) + random.UInt64() % (ulong.MaxValue - (1UL << 33));
        var (a, b) = (random.UInt(128), random.UInt(128));
        return new Eip1559Transaction
        {
            ChainId = chainId,
            Nonce = random.UInt64(),
            MaxPriorityFeePerGas = BigInteger.Min(a, b),
            MaxFeePerGas = BigInteger.Max(a, b),
            GasLimit = random.UInt64(),
            To = random.Chance(0.1) ? null : random.Address(),
            Value = random.UInt(256),
            Data = random.Bytes(random.Length(300)),
        };
    }

    private static string[] MktxArgs(string key, Eip1559Transaction tx)
    {
        var args = new List<string>
        {
            "mktx", "--private-key", key, "--nonce", Dec(tx.Nonce), "--gas-limit", Dec(tx.GasLimit),
            "--value", Dec(tx.Value), "--chain", Dec(tx.ChainId),
            "--gas-price", Dec(tx.MaxFeePerGas), "--priority-gas-price", Dec(tx.MaxPriorityFeePerGas),
        };
        if (tx.To is { } to)
        {
            args.Add(to.ToString());
            if (tx.Data.Length > 0)
            {
                args.Add(Hex.Encode(tx.Data));
            }
        }
        else
        {
            args.AddRange(["--create", Hex.Encode(tx.Data)]);
        }
        return args.ToArray();
    }

    private static string Describe(Eip1559Transaction tx) =>
        $"chain {tx.ChainId} nonce {tx.Nonce} gas {tx.GasLimit} to {tx.To?.ToString() ?? "(create)"} value {tx.Value} data {Hex.Encode(tx.Data)} " +
        $"maxFee {tx.MaxFeePerGas} priority {tx.MaxPriorityFeePerGas}";

    private static string Dec(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
