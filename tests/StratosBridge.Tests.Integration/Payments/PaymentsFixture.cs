using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Postgres;
using StratosBridge.TestKit.PriceFeeds;
using StratosBridge.TestKit.Solana;
using StratosBridge.TestKit.Stratos;

namespace StratosBridge.Tests.Integration.Payments;

/// <summary>
/// Ethereum, bsc and stratos with the bridge deployed, the Solana devnet (LiteSVM), the fake price providers (ETH 3000,
/// BNB 600, SOL 150, STOS 0.25 USD), and the Stratos devnet companion applying prepays on the stratos chain and serving
/// Stratos REST and the SDS RPC.
/// </summary>
public sealed class PaymentsFixture : IAsyncLifetime
{
    public const int Confirmations = 2;

    public ThreeChainBridgeFixture Bridge { get; } = new();

    public FakePriceProviders Prices { get; private set; } = null!;

    public StratosDevnetCompanion Companion { get; private set; } = null!;

    public SolanaDevnetNode Solana { get; private set; } = null!;

    /// <summary>Where SOL quotes are paid (<c>Pricing:Payments:solana:Recipient</c>).</summary>
    public string SolanaRecipient { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Bridge.InitializeAsync();
        Solana = await SolanaDevnetNode.StartAsync();
        SolanaRecipient = (await SolanaDevnetNode.CreateAddressesAsync(1))[0];
        await Solana.AirdropAsync(SolanaRecipient, 1_000_000_000); // a treasury exists (rent-exempt) before small payments arrive
        Prices = await FakePriceProviders.StartAsync();
        Companion = await StratosDevnetCompanion.StartAsync(new StratosCompanionOptions(Bridge.Stratos.RpcUrl));
    }

    public async Task DisposeAsync()
    {
        if (Companion is not null)
        {
            await Companion.DisposeAsync();
        }
        if (Prices is not null)
        {
            await Prices.DisposeAsync();
        }
        if (Solana is not null)
        {
            await Solana.DisposeAsync();
        }
        await Bridge.DisposeAsync();
    }

    /// <summary>The service with pricing on the fakes, Stratos REST on the companion, and payments on both EVM chains (and <paramref name="extra"/> settings).</summary>
    public async Task<(ChildProcess Process, Uri Url, TestDatabase Db)> StartServiceAsync(string name, TestDatabase? existing = null,
        IReadOnlyDictionary<string, Uri>? rpcUrls = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(Prices.Configuration())
        {
            ["Pricing:Stratos:RestUrl"] = Companion.Url.ToString(),
            ["Pricing:Payments:ethereum:Contract"] = Bridge.EthereumDeployment.OzonePayments!.Value.ToString(),
            ["Pricing:Payments:bsc:Contract"] = Bridge.BscDeployment!.OzonePayments!.Value.ToString(),
            ["Pricing:Payments:solana:Recipient"] = SolanaRecipient,
            ["Solana:RpcUrl"] = Solana.RpcUrl.ToString(),
            ["Solana:PollInterval"] = "00:00:00.200",
            ["Credits:PriceRetry"] = "00:00:01",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return await BridgeService.StartWithUrlAsync(Bridge, name, Confirmations, existing, rpcUrls: rpcUrls, extra: settings);
    }

    /// <summary>A fresh payer on <paramref name="chain"/> with <paramref name="coins"/> coins.</summary>
    public async Task<EvmDirectSubmitter> PayerAsync(string chain, int coins = 10)
    {
        var key = EthKey.Generate();
        var (node, rpc, chainId) = chain == "bsc" ? (Bridge.Bsc!, Bridge.BscRpc!, 56UL) : (Bridge.Ethereum, Bridge.EthereumRpc, 1UL);
        await node.RpcAsync("anvil_setBalance", key.Address.ToLowerHex(), "0x" + (new BigInteger(coins) * BigInteger.Pow(10, 18)).ToString("x"));
        return new EvmDirectSubmitter(rpc, key, chainId);
    }

    /// <summary>Pays <paramref name="value"/> wei for a quote through the chain's OzonePayments; returns the transaction hash.</summary>
    public async Task<string> PayAsync(string chain, EvmDirectSubmitter payer, string quoteId, EthAddress beneficiary, BigInteger value)
    {
        var contract = (chain == "bsc" ? Bridge.BscDeployment! : Bridge.EthereumDeployment).OzonePayments!.Value;
        var receipt = await payer.SendAsync(contract, OzonePaymentsContract.EncodePay(Hex.Decode(quoteId), beneficiary), value,
            OzonePaymentsContract.Binding);
        return receipt.TransactionHash;
    }

    /// <summary>Mines the blocks that make everything so far final on <paramref name="chain"/>.</summary>
    public Task MakeFinalAsync(string chain) =>
        (chain == "bsc" ? Bridge.Bsc! : Bridge.Ethereum).RpcAsync("anvil_mine", $"0x{Confirmations:x}");

    public static async Task<JsonElement> CreateQuoteAsync(Uri service, EthAddress beneficiary, string asset, string? oz)
    {
        using var http = new HttpClient { BaseAddress = service };
        object body = oz is null ? new { beneficiary = beneficiary.ToString(), payAsset = asset } : new { beneficiary = beneficiary.ToString(), payAsset = asset, oz };
        // Prices and the Ozone snapshot arrive a moment after start-up: retry while the service says 503.
        JsonElement? created = null;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await http.PostAsJsonAsync("/v1/quotes", body);
            if ((int)response.StatusCode == 503)
            {
                return false;
            }
            response.EnsureSuccessStatusCode();
            created = (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
            return true;
        }, TimeSpan.FromSeconds(120), "the service to price a quote");
        return created!.Value;
    }

    public static async Task<JsonElement> QuoteAsync(Uri service, string quoteId)
    {
        using var http = new HttpClient { BaseAddress = service };
        return (await http.GetFromJsonAsync<JsonElement>($"/v1/quotes/{quoteId}")).Clone();
    }

    /// <summary>Waits until the quote's settlement reaches <paramref name="state"/> (and, for credited, the Ozone bought is known).</summary>
    public static async Task<JsonElement> WaitForSettlementAsync(Uri service, string quoteId, string state, ChildProcess process,
        TimeSpan? within = null)
    {
        JsonElement last = default;
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                last = await QuoteAsync(service, quoteId);
                var settlement = last.GetProperty("settlement");
                return settlement.GetProperty("state").GetString() == state
                       && (state != "credited" || settlement.GetProperty("payments").EnumerateArray()
                           .Any(p => p.GetProperty("credit") is { ValueKind: JsonValueKind.Object } c
                                     && c.GetProperty("purchasedNoz").ValueKind == JsonValueKind.String));
            }, within ?? TimeSpan.FromSeconds(120), $"quote {quoteId[..10]}… to be {state}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nlast: {last}\n{process.OutputTail}", e);
        }
        return last;
    }

    public static BigInteger Big(JsonElement value) => BigInteger.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
