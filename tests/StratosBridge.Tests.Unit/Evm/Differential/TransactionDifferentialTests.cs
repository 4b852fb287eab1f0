using System.Globalization;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Transactions;

namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>
/// Signed raw bytes from the same key and fields as <c>cast mktx</c> (offline: every field given), then the hash and
/// signer <c>cast decode-tx</c> reports for our bytes. Fees stay below 2^128: cast panics above that.
/// Chain ids, nonces, gas limits and values cover their whole ranges (u64, u64, u64, u256).
/// </summary>
[Collection(CastCollection.Name)]
public class TransactionDifferentialTests
{
    [Fact]
    public Task Legacy_eip155_transactions_agree_with_cast_mktx() => RunAsync(8001, legacy: true);

    [Fact]
    public Task Eip1559_transactions_agree_with_cast_mktx() => RunAsync(8002, legacy: false);

    private static async Task RunAsync(int fixedSeed, bool legacy)
    {
        var seed = Differential.Seed(fixedSeed);
        var random = new EvmRandom(seed);
        var cases = Enumerable.Range(0, Differential.Cases(20)).Select(_ => (Key: random.PrivateKey(), Tx: Transaction(random, legacy))).ToArray();
        await Differential.RunAsync(legacy ? "legacy tx" : "eip-1559 tx", seed, cases, c => Describe(c.Tx), async c =>
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

    private static UnsignedTransaction Transaction(EvmRandom random, bool legacy)
    {
        // cast silently builds a legacy or EIP-2930 transaction for chains it knows lack EIP-1559 (e.g. 148), so
        // random ids come from above 2^33, where no such chain is registered
        var chainId = random.Chance(0.5)
            ? random.Pick(1UL, 56UL, 97UL, 137UL, 2047UL, 2048UL, 31337UL, 11155111UL)
            : (1UL << 33) + random.UInt64() % (ulong.MaxValue - (1UL << 33));
        var to = random.Chance(0.1) ? (EthAddress?)null : random.Address();
        var data = random.Bytes(random.Length(300));
        var nonce = random.UInt64();
        var gasLimit = random.UInt64();
        var value = random.UInt(256);
        if (legacy)
        {
            return new LegacyTransaction
            {
                ChainId = chainId, Nonce = nonce, GasPrice = random.UInt(128), GasLimit = gasLimit, To = to, Value = value, Data = data,
            };
        }
        var (a, b) = (random.UInt(128), random.UInt(128));
        var accessList = random.Chance(0.3)
            ? Enumerable.Range(0, random.Int(1, 4))
                .Select(_ => new AccessListEntry(random.Address(), Enumerable.Range(0, random.Int(0, 4)).Select(_ => random.Bytes(32)).ToArray()))
                .ToArray()
            : [];
        return new Eip1559Transaction
        {
            ChainId = chainId,
            Nonce = nonce,
            MaxPriorityFeePerGas = BigInteger.Min(a, b),
            MaxFeePerGas = BigInteger.Max(a, b),
            GasLimit = gasLimit,
            To = to,
            Value = value,
            Data = data,
            AccessList = accessList,
        };
    }

    private static string[] MktxArgs(string key, UnsignedTransaction tx)
    {
        var args = new List<string>
        {
            "mktx", "--private-key", key, "--nonce", Dec(tx.Nonce), "--gas-limit", Dec(tx.GasLimit),
            "--value", Dec(tx.Value), "--chain", Dec(tx.ChainId),
        };
        switch (tx)
        {
            case LegacyTransaction legacy:
                args.AddRange(["--legacy", "--gas-price", Dec(legacy.GasPrice)]);
                break;
            case Eip1559Transaction eip1559:
                args.AddRange(["--gas-price", Dec(eip1559.MaxFeePerGas), "--priority-gas-price", Dec(eip1559.MaxPriorityFeePerGas)]);
                if (eip1559.AccessList.Count > 0)
                {
                    args.AddRange(["--access-list", AccessListJson(eip1559.AccessList)]);
                }
                break;
        }
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

    private static string AccessListJson(IReadOnlyList<AccessListEntry> entries) =>
        "[" + string.Join(",", entries.Select(e =>
            $"{{\"address\":\"{e.Address}\",\"storageKeys\":[{string.Join(",", e.StorageKeys.Select(k => $"\"{Hex.Encode(k)}\""))}]}}")) + "]";

    private static string Describe(UnsignedTransaction tx)
    {
        var common = $"type {tx.Type} chain {tx.ChainId} nonce {tx.Nonce} gas {tx.GasLimit} to {tx.To?.ToString() ?? "(create)"} value {tx.Value} data {Hex.Encode(tx.Data)}";
        return tx switch
        {
            LegacyTransaction l => $"{common} gasPrice {l.GasPrice}",
            Eip1559Transaction e => $"{common} maxFee {e.MaxFeePerGas} priority {e.MaxPriorityFeePerGas} accessList {AccessListJson(e.AccessList)}",
            _ => common,
        };
    }

    private static string Dec(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
