using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using StratosBridge.Chains.Evm;

namespace StratosBridge.TestKit.Stratos;

/// <summary>
/// What the Stratos devnet companion knows of the Cosmos side, saved as JSON after every change: the Ozone state
/// (Lt, St, Pt), the next block to read, each wallet's Ozone balance, every handled transaction under its EVM hash
/// (the natural key: a hash already here is never applied again), and the native balance writes of the transaction
/// being applied (a write-ahead list of absolute values, redone after a crash, so a debit is never lost or doubled).
/// </summary>
internal sealed class CompanionState
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new BigIntegerText(), new EthAddressText() },
    };

    public long ChainId { get; set; }

    /// <summary>Block 0's hash: a chain started afresh has another one, and then this state is not its state.</summary>
    public string GenesisHash { get; set; } = "";

    public BigInteger RemainingNoz { get; set; }

    public BigInteger TotalDeposit { get; set; }

    public BigInteger UnissuedPrepay { get; set; }

    public decimal DepositNozRate { get; set; }

    public long NextBlock { get; set; }

    /// <summary>Ozone balances (noz) by lower-case 0x address.</summary>
    public Dictionary<string, BigInteger> Ozone { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Handled transactions in chain order.</summary>
    public List<IndexedTx> Txs { get; set; } = [];

    public List<BalanceWrite> PendingWrites { get; set; } = [];

    public OzoneState Snapshot => new(RemainingNoz, TotalDeposit, UnissuedPrepay, DepositNozRate, NextBlock - 1);

    public static CompanionState Fresh(long chainId, string genesisHash, OzoneState genesis) => new()
    {
        ChainId = chainId, GenesisHash = genesisHash, RemainingNoz = genesis.RemainingNoz, TotalDeposit = genesis.TotalDeposit,
        UnissuedPrepay = genesis.UnissuedPrepay, DepositNozRate = genesis.DepositNozRate,
    };

    public static CompanionState? Load(string? path) =>
        path is not null && File.Exists(path) ? JsonSerializer.Deserialize<CompanionState>(File.ReadAllBytes(path), Json) : null;

    /// <summary>Writes the file whole (a temporary file renamed over it), so a crash leaves the old or the new state.</summary>
    public void Save(string? path)
    {
        if (path is null)
        {
            return;
        }
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A handled transaction: what the companion decided, and the Cosmos tx response a node would index for it.</summary>
    internal sealed record IndexedTx(CompanionPrepay Prepay, long TxIndex, long GasWanted, long GasUsed, DateTimeOffset Time,
        IReadOnlyList<CosmosEvent> Events);

    internal sealed record CosmosEvent(string Type, IReadOnlyList<CosmosEventAttribute> Attributes);

    internal sealed record CosmosEventAttribute(string Key, string Value);

    /// <summary><c>anvil_setBalance(Account, Wei)</c>: absolute, so doing it twice is doing it once.</summary>
    internal sealed record BalanceWrite(EthAddress Account, BigInteger Wei);

    private sealed class BigIntegerText : JsonConverter<BigInteger>
    {
        public override BigInteger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            BigInteger.Parse(reader.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, BigInteger value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private sealed class EthAddressText : JsonConverter<EthAddress>
    {
        public override EthAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            EthAddress.Parse(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, EthAddress value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToLowerHex());
    }
}
