using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Stratos;
using StratosBridge.Pricing.Payments;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Quotes;

/// <summary>
/// Quotes through the real API, database and price feeds (fakes of the public providers and of Stratos REST). The fake
/// chain state is the default of <see cref="TestKit.PriceFeeds.FakePriceProviders"/>: Lt = 10^20 noz remaining,
/// St + Pt = 10^26 wei (10^6 wei per noz); market ETH 3000, BNB 600, SOL 150, STOS 0.25 USD; spread 1 %.
/// </summary>
public sealed class QuoteApiTests(WarmPricingFixture shared) : IClassFixture<WarmPricingFixture>
{
    private const string Beneficiary = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    // 1 OZ = 10^9 noz. X = least wei with noz(X) ≥ 10^9 by the chain's formula, over the St + Pt range the REST answers allow:
    // ≈ 10^9 · 10^26 / (10^20 − 10^9) = 1 000 000 000 010 000.0000001 → 1 000 000 000 010 001 wei.
    private static readonly BigInteger OneOzStosWei = BigInteger.Parse("1000000000010001");

    [Fact]
    public async Task An_ETH_quote_for_one_OZ_is_the_hand_computed_amount_and_its_EIP681_URI_is_the_same_call()
    {
        await using var h = await PricingHarness.StartAsync("quote_eth");
        await h.WarmAsync();

        var (status, quote) = await h.PostQuoteAsync(new { beneficiary = StratosAddress.Parse(Beneficiary).Bech32, payAsset = "eth", oz = "1" });

        Assert.Equal(201, status);
        // X · 0.25 USD/STOS · 1.01 / 3000 USD/ETH = 1 000 000 000 010 001 · 0.2525 / 3000 = 84 166 666 667.508… wei → rounded up
        Assert.Equal("84166666668", quote.GetProperty("amountDue").GetProperty("baseUnits").GetString());
        Assert.Equal("0.000000084166666668", quote.GetProperty("amountDue").GetProperty("value").GetString());
        Assert.Equal(OneOzStosWei.ToString(), quote.GetProperty("stosWei").GetString());
        Assert.Equal("1000000000", quote.GetProperty("noz").GetString());
        Assert.Equal("1", quote.GetProperty("gb").GetString()); // Pricing:NozPerGb, 1 OZ per GB by default
        Assert.Equal("open", quote.GetProperty("status").GetString());
        Assert.Equal("awaiting-payment", quote.GetProperty("settlement").GetProperty("state").GetString());
        Assert.Equal(0, quote.GetProperty("settlement").GetProperty("payments").GetArrayLength());
        Assert.Equal(Beneficiary, quote.GetProperty("beneficiary").GetProperty("hex").GetString());
        Assert.Equal(StratosAddress.Parse(Beneficiary).Bech32, quote.GetProperty("beneficiary").GetProperty("bech32").GetString());
        var id = quote.GetProperty("id").GetString()!;
        Assert.Matches("^0x[0-9a-f]{64}$", id);
        var created = quote.GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromMinutes(15), quote.GetProperty("expiresAt").GetDateTimeOffset() - created);
        Assert.Equal(TimeSpan.FromHours(24), quote.GetProperty("monitorUntil").GetDateTimeOffset() - created);

        var evm = quote.GetProperty("payment").GetProperty("evm");
        var uri = Eip681Uri.Parse(quote.GetProperty("payment").GetProperty("uri").GetString()!);
        Assert.Equal(EthAddress.Parse(PricingHarness.EthereumContract), uri.Target);
        Assert.Equal(1, uri.ChainId);
        Assert.Equal(BigInteger.Parse("84166666668"), uri.Value);
        Assert.Equal(OzonePaymentsContract.EncodePay(Hex.Decode(id), EthAddress.Parse(Beneficiary)), uri.CallData());
        Assert.Equal(Hex.Encode(uri.CallData()), evm.GetProperty("calldata").GetString());
        Assert.Equal("pay(bytes32,address)", evm.GetProperty("function").GetString());

        var rule = quote.GetProperty("pricingRule");
        Assert.Equal(6, rule.GetProperty("prices").GetProperty("ETH").GetProperty("sources").GetArrayLength());
        Assert.Equal(3, rule.GetProperty("prices").GetProperty("STOS").GetProperty("sources").GetArrayLength());
        Assert.Equal("1000000000", rule.GetProperty("ozone").GetProperty("nozForStosWei").GetString());

        var (getStatus, read) = await h.GetJsonAsync($"/v1/quotes/{id}");
        Assert.Equal(200, getStatus);
        Assert.Equal(quote.GetProperty("amountDue").ToString(), read.GetProperty("amountDue").ToString());
        Assert.Equal(quote.GetProperty("payment").ToString(), read.GetProperty("payment").ToString());
    }

    [Fact]
    public async Task BNB_SOL_and_USD_quotes_are_priced_in_their_own_base_units()
    {
        await using var h = await PricingHarness.StartAsync("quote_assets");
        await h.WarmAsync();

        var (_, bnb) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "BNB", noz = "1000000000" });
        var (_, sol) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "SOL", oz = "1" });
        var (_, usd) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "USD", oz = "1000" });

        // X · 0.2525 / 600 = 420 833 333 337.54… wei
        Assert.Equal("420833333338", bnb.GetProperty("amountDue").GetProperty("baseUnits").GetString());
        Assert.Equal(56, bnb.GetProperty("payment").GetProperty("evm").GetProperty("chainId").GetInt64());
        Assert.Equal(PricingHarness.BscContract, bnb.GetProperty("payment").GetProperty("evm").GetProperty("contract").GetString());
        // X · 0.2525 / 150 · 10^9 / 10^18 = 1 683.333… lamports (0.001 STOS is about 0.0000017 SOL)
        Assert.Equal("1684", sol.GetProperty("amountDue").GetProperty("baseUnits").GetString());
        Assert.Equal("lamports", sol.GetProperty("amountDue").GetProperty("unit").GetString());
        var solana = sol.GetProperty("payment").GetProperty("solana");
        Assert.Equal("0.000001684", solana.GetProperty("amount").GetString());
        Assert.Equal(PricingHarness.SolanaRecipient, solana.GetProperty("recipient").GetString());
        Assert.True(SolanaPayUri.IsPublicKey(solana.GetProperty("reference").GetString()));
        // 1000 OZ: X · 0.2525 USD in cents, rounded up
        var usdWei = BigInteger.Parse(usd.GetProperty("stosWei").GetString()!);
        var cents = (usdWei * 2525 + BigInteger.Pow(10, 20) - 1) / BigInteger.Pow(10, 20);
        Assert.Equal(cents.ToString(), usd.GetProperty("amountDue").GetProperty("baseUnits").GetString());
        Assert.Equal("26", cents.ToString()); // 1 000 000 010 000 000 10x wei · 0.2525 = 25.25… cents
        Assert.Equal("usd", usd.GetProperty("payment").GetProperty("card").GetProperty("currency").GetString());
        Assert.Equal(JsonValueKind.Null, usd.GetProperty("payment").GetProperty("uri").ValueKind);

        // The Solana Pay URI as @solana/pay's own parser reads it
        var parsed = (await NodeScript.RunAsync("solana-pay-parse.mjs", new[] { solana.GetProperty("uri").GetString() }))[0];
        Assert.Equal(PricingHarness.SolanaRecipient, parsed.GetProperty("recipient").GetString());
        Assert.Equal("0.000001684", parsed.GetProperty("amountText").GetString());
        Assert.Equal(solana.GetProperty("reference").GetString(), parsed.GetProperty("reference")[0].GetString());
        Assert.Equal("StratosBridge", parsed.GetProperty("label").GetString());
        Assert.Equal($"1 OZ of Ozone for {StratosAddress.Parse(Beneficiary).Bech32}", parsed.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_open_amount_quote_locks_the_rates_and_leaves_the_amount_to_the_payment()
    {
        await using var h = await PricingHarness.StartAsync("quote_open");
        await h.WarmAsync();

        var (status, quote) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "ETH" });

        Assert.Equal(201, status);
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("amountDue").ValueKind);
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("noz").ValueKind);
        Assert.Equal("0.25", decimal.Parse(quote.GetProperty("rates").GetProperty("stosUsd").GetString()!).ToString("0.##"));
        Assert.Equal("3000", decimal.Parse(quote.GetProperty("rates").GetProperty("assetUsd").GetString()!).ToString("0.##"));
        // 0.25 · 1.01 / 3000 ETH per STOS
        Assert.Equal(0.25m * 1.01m / 3000m, decimal.Parse(quote.GetProperty("rates").GetProperty("assetPerStos").GetString()!), 15);
        var uri = Eip681Uri.Parse(quote.GetProperty("payment").GetProperty("uri").GetString()!);
        Assert.Null(uri.Value);
        Assert.Equal("pay(bytes32,address)", uri.Function.Signature);
    }

    [Fact]
    public async Task After_its_expiry_a_quote_says_expired()
    {
        await using var h = await PricingHarness.StartAsync("quote_expiry", new Dictionary<string, string?>
        {
            ["Pricing:QuoteExpiry"] = "00:00:02",
            ["Pricing:MonitoringWindow"] = "00:00:10",
        });
        await h.WarmAsync();
        var (_, quote) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "SOL", oz = "2.5" });
        var id = quote.GetProperty("id").GetString();
        Assert.Equal("open", quote.GetProperty("status").GetString());

        var read = await Eventually.HoldsAsync(async () => (await h.GetJsonAsync($"/v1/quotes/{id}")).Body,
            q => q.GetProperty("status").GetString() == "expired", TimeSpan.FromSeconds(60), "the quote to expire");

        Assert.True(DateTimeOffset.UtcNow >= read.GetProperty("expiresAt").GetDateTimeOffset().AddSeconds(-1));
        Assert.Equal(quote.GetProperty("amountDue").ToString(), read.GetProperty("amountDue").ToString());
    }

    [Theory]
    [InlineData("st1notanaddress", "ETH", "1", "invalid-beneficiary")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "ETH", "1", "invalid-beneficiary")] // bad EIP-55 checksum
    [InlineData("0x0000000000000000000000000000000000000000", "ETH", "1", "invalid-beneficiary")]
    [InlineData("", "ETH", "1", "invalid-beneficiary")]
    [InlineData(Beneficiary, "BTC", "1", "unsupported-asset")]
    [InlineData(Beneficiary, "", "1", "unsupported-asset")]
    [InlineData(Beneficiary, "ETH", "0", "invalid-amount")]
    [InlineData(Beneficiary, "ETH", "1.0000000001", "invalid-amount")]
    [InlineData(Beneficiary, "ETH", "-1", "invalid-amount")]
    [InlineData(Beneficiary, "ETH", "200000000000", "ozone-supply-exceeded")] // 2·10^20 noz > the 10^20 remaining
    public async Task Requests_that_cannot_be_served_get_422_with_their_code(string beneficiary, string asset, string oz, string code)
    {
        var h = shared.Harness;

        var (status, problem) = await h.PostQuoteAsync(new { beneficiary, payAsset = asset, oz });

        Assert.Equal(422, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task An_asset_whose_payments_are_not_configured_is_unsupported()
    {
        await using var h = await PricingHarness.StartAsync("quote_no_bsc", new Dictionary<string, string?>
        {
            ["Pricing:Payments:bsc:Contract"] = null,
            ["Pricing:Payments:card:Enabled"] = "false",
        });

        var (bnbStatus, bnb) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "BNB", oz = "1" });
        var (usdStatus, usd) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "USD", oz = "1" });

        Assert.Equal(422, bnbStatus);
        Assert.Equal("unsupported-asset", bnb.GetProperty("code").GetString());
        Assert.Contains("bsc", bnb.GetProperty("detail").GetString());
        Assert.Equal(422, usdStatus);
        Assert.Equal("unsupported-asset", usd.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Malformed_bodies_unknown_quotes_and_quotes_without_a_uri_have_their_codes()
    {
        var h = shared.Harness;

        using var badJson = await h.Http.PostAsync("/v1/quotes", new StringContent("{beneficiary:", System.Text.Encoding.UTF8, "application/json"));
        var (bothStatus, both) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "ETH", oz = "1", noz = "1" });
        var (unknownStatus, unknown) = await h.GetJsonAsync($"/v1/quotes/0x{new string('a', 64)}");
        var (garbageStatus, garbage) = await h.GetJsonAsync("/v1/quotes/not-an-id");
        var (_, card) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "USD", oz = "1" });
        var (qrStatus, qr) = await h.GetJsonAsync($"/v1/quotes/{card.GetProperty("id").GetString()}/qr.png");

        Assert.Equal(400, (int)badJson.StatusCode);
        Assert.Contains("\"invalid-json\"", await badJson.Content.ReadAsStringAsync());
        Assert.Equal((422, "invalid-amount"), (bothStatus, both.GetProperty("code").GetString()));
        Assert.Equal((404, "quote-not-found"), (unknownStatus, unknown.GetProperty("code").GetString()));
        Assert.Equal((404, "quote-not-found"), (garbageStatus, garbage.GetProperty("code").GetString()));
        Assert.Equal((404, "no-payment-uri"), (qrStatus, qr.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task The_QR_codes_encode_the_payment_uri()
    {
        var h = shared.Harness;
        var (_, quote) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "SOL", oz = "1" });
        var qr = quote.GetProperty("payment").GetProperty("qr");

        using var png = await h.Http.GetAsync(qr.GetProperty("png").GetString());
        using var svg = await h.Http.GetAsync(qr.GetProperty("svg").GetString());

        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(QrCodes.Png(quote.GetProperty("payment").GetProperty("uri").GetString()!), await png.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal(QrCodes.Svg(quote.GetProperty("payment").GetProperty("uri").GetString()!), await svg.Content.ReadAsStringAsync());
    }
}
