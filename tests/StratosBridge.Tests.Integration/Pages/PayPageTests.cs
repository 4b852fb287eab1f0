using System.Numerics;
using Microsoft.Playwright;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Payments;
using static Microsoft.Playwright.Assertions;
using static StratosBridge.Tests.Integration.Payments.PaymentsFixture;

namespace StratosBridge.Tests.Integration.Pages;

/// <summary>
/// <c>/pay/{quoteId}</c> (and <c>/</c>, <c>/wallets/{address}</c>) in Debian's Chromium against the real service: a quote
/// paid with the page's "pay with browser wallet" (an injected EIP-1193 wallet signing on anvil) reaches "credited" on the
/// page; an under-payment is explained in words; a wrong link is a sentence. Screenshots in <see cref="ChromiumPages.ScreenshotFolder"/>.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class PayPageTests(PaymentsFixture fx)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions UntilCredited = new() { Timeout = 180_000 };

    [Fact]
    public async Task A_quote_paid_with_the_browser_wallet_on_its_page_is_followed_to_credited()
    {
        var (service, url, db) = await fx.StartServiceAsync("pages_pay");
        await using var _ = db;
        await using var __ = service;
        var beneficiary = EthKey.Generate().Address;
        var quote = await CreateQuoteAsync(url, beneficiary, "ETH", "1.5");
        var id = quote.GetProperty("id").GetString()!;
        var due = quote.GetProperty("amountDue").GetProperty("value").GetString()!;
        // the wallet starts on bsc: the page must switch it to the quote's chain (ethereum, id 1) before paying
        var key = EthKey.Generate();
        foreach (var node in new[] { fx.Bridge.Ethereum, fx.Bridge.Bsc! })
        {
            await node.RpcAsync("anvil_setBalance", key.Address.ToLowerHex(), "0x8ac7230489e80000"); // 10 coins
        }
        var wallet = new InjectedWallet(key, new Dictionary<long, Chains.Evm.Rpc.EvmRpcClient>
        {
            [1] = fx.Bridge.EthereumRpc,
            [56] = fx.Bridge.BscRpc!,
        }, startChainId: 56);

        await using var browser = await ChromiumPages.StartAsync();
        var page = await browser.NewPageAsync();
        await wallet.InjectAsync(page);
        await page.GotoAsync(new Uri(url, $"/pay/{id}").ToString());
        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "awaiting-payment");
        await Expect(page.Locator("#amount")).ToHaveTextAsync($"{due} ETH");
        await Expect(page.Locator("#buys")).ToContainTextAsync("1.5 OZ of Ozone (1500000000 noz), about 1.5 GB"); // Pricing:NozPerGb, 1 OZ per GB by default
        await Expect(page.Locator("#beneficiary")).ToContainTextAsync(quote.GetProperty("beneficiary").GetProperty("bech32").GetString()!);
        await Expect(page.Locator("#uri")).ToHaveValueAsync(quote.GetProperty("payment").GetProperty("uri").GetString()!);
        await Expect(page.Locator("#qr")).ToBeVisibleAsync();
        await ChromiumPages.ScreenshotAsync(page, "pay-awaiting-payment");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pay with browser wallet" }).ClickAsync();
        await Expect(page.Locator("#wallet-status")).ToContainTextAsync("Mined", new() { Timeout = 60_000 });
        var tx = Assert.Single(wallet.SentTransactions);
        await Expect(page.GetByTestId("payment-tx")).ToHaveTextAsync(tx);
        Assert.Contains("wallet_switchEthereumChain", wallet.Requests);

        await fx.MakeFinalAsync("ethereum");
        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "credited", UntilCredited);
        var credited = await WaitForSettlementAsync(url, id, "credited", service);
        var payment = Assert.Single(credited.GetProperty("settlement").GetProperty("payments").EnumerateArray());
        Assert.Equal(tx, payment.GetProperty("txHash").GetString());
        Assert.Equal("paid", payment.GetProperty("outcome").GetString());
        var bought = payment.GetProperty("credit").GetProperty("purchasedOz").GetString()!;
        Assert.Equal(fx.Companion.OzoneBalance(beneficiary), BigInteger.Parse(payment.GetProperty("credit").GetProperty("purchasedNoz").GetString()!));
        await Expect(page.Locator("#status")).ToContainTextAsync($"Credited: {bought} OZ bought for {quote.GetProperty("beneficiary").GetProperty("bech32").GetString()}");
        await Expect(page.Locator("[data-outcome=paid]")).ToContainTextAsync($"Paid in full: {due} ETH");
        await Expect(page.Locator("#how")).ToBeHiddenAsync();
        await ChromiumPages.ScreenshotAsync(page, "pay-credited");

        var phone = await browser.NewPageAsync(phone: true);
        await phone.GotoAsync(new Uri(url, $"/pay/{id}").ToString());
        await Expect(phone.Locator("#status")).ToHaveAttributeAsync("data-state", "credited");
        await ChromiumPages.ScreenshotAsync(phone, "pay-credited-phone");

        // the wallet's page lists the credit, linking back to the quote; the home page shows the chains and their state
        await page.GotoAsync(new Uri(url, $"/wallets/{beneficiary}").ToString());
        var row = page.Locator("#credits tbody tr[data-state=completed]");
        await Expect(row).ToContainTextAsync($"{bought} OZ");
        await Expect(row.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/pay/{id}");
        await ChromiumPages.ScreenshotAsync(page, "wallet-credits");
        await page.GotoAsync(url.ToString());
        foreach (var chain in new[] { "bsc", "ethereum", "stratos" })
        {
            await Expect(page.Locator($"#chains tr[data-chain={chain}] .badge")).ToHaveTextAsync("up", new() { Timeout = 60_000 });
        }
        await ChromiumPages.ScreenshotAsync(page, "home");
    }

    [Fact]
    public async Task An_under_payment_is_explained_in_words_and_a_wrong_link_is_a_sentence()
    {
        var (service, url, db) = await fx.StartServiceAsync("pages_under");
        await using var _ = db;
        await using var __ = service;
        var beneficiary = EthKey.Generate().Address;
        var quote = await CreateQuoteAsync(url, beneficiary, "ETH", "1");
        var id = quote.GetProperty("id").GetString()!;
        var due = BigInteger.Parse(quote.GetProperty("amountDue").GetProperty("baseUnits").GetString()!);
        // paid from a wallet app that sent 90 % of the amount (the link's amount edited by hand)
        await fx.PayAsync("ethereum", await fx.PayerAsync("ethereum"), id, beneficiary, due * 9 / 10);
        await fx.MakeFinalAsync("ethereum");
        var settled = await WaitForSettlementAsync(url, id, "credited", service);
        var payment = Assert.Single(settled.GetProperty("settlement").GetProperty("payments").EnumerateArray());
        Assert.Equal("under-paid", payment.GetProperty("outcome").GetString());

        await using var browser = await ChromiumPages.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(url, $"/pay/{id}").ToString());
        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "credited", UntilCredited);
        var paid = payment.GetProperty("amount").GetProperty("value").GetString();
        var dueText = quote.GetProperty("amountDue").GetProperty("value").GetString();
        var bought = payment.GetProperty("credit").GetProperty("purchasedOz").GetString();
        await Expect(page.Locator("[data-outcome=under-paid]")).ToContainTextAsync(
            $"Under-paid: you sent {paid} ETH, but {dueText} ETH was due. What you sent buys its share at the locked rate ({bought} OZ of the 1 OZ quoted)");
        await ChromiumPages.ScreenshotAsync(page, "pay-under-paid");

        await page.GotoAsync(new Uri(url, "/pay/0x1234").ToString());
        await Expect(page.Locator("#error")).ToHaveAttributeAsync("data-code", "quote-not-found");
        await Expect(page.Locator("#error")).ToContainTextAsync("There is no such quote. Check the link you were given.");
        await page.GotoAsync(new Uri(url, "/transfers/ethereum/0x12").ToString());
        await Expect(page.Locator("#error")).ToContainTextAsync("That is not a transaction hash");
        await ChromiumPages.ScreenshotAsync(page, "transfer-bad-link");
    }
}
