using System.Numerics;
using Microsoft.Playwright;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Stratos;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Payments;
using static Microsoft.Playwright.Assertions;

namespace StratosBridge.Tests.Integration.Pages;

/// <summary>
/// <c>/bridge</c> in Debian's Chromium against the real service and anvil: a holder connects an injected EIP-1193 wallet,
/// the page refuses a bad recipient and an amount under the vault's minimum in words, then approves and locks on ethereum
/// (two real transactions signed by the wallet's key); the page hands over to <c>/transfers/ethereum/{tx}</c>, which
/// follows the lock to "completed" with the release on stratos; the recipient's wallet page lists it.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class BridgePageTests(PaymentsFixture fx)
{
    [Fact]
    public async Task A_lock_made_on_the_bridge_page_is_followed_to_completed_with_the_destination_tx()
    {
        var (service, url, db) = await fx.StartServiceAsync("pages_bridge",
            extra: new Dictionary<string, string?> { ["Pages:Explorers:stratos"] = "https://explorer.example/tx/{tx}" });
        await using var _ = db;
        await using var __ = service;
        var bridge = fx.Bridge;
        var key = EthKey.Generate();
        await bridge.Ethereum.RpcAsync("anvil_setBalance", key.Address.ToLowerHex(), "0x8ac7230489e80000"); // 10 ETH for gas
        var token = bridge.EthereumDeployment.StosToken!.Value;
        await new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1)
            .SendAsync(token, Erc20Contract.EncodeTransfer(key.Address, 5 * ThreeChainBridgeFixture.Stos));
        var recipient = EthKey.Generate().Address;
        var recipientStratos = StratosAddress.Parse(recipient.ToString()).Bech32;
        var wallet = new InjectedWallet(key, new Dictionary<long, EvmRpcClient> { [1] = bridge.EthereumRpc, [56] = bridge.BscRpc! }, startChainId: 1);

        await using var browser = await ChromiumPages.StartAsync();
        var page = await browser.NewPageAsync();
        await wallet.InjectAsync(page);
        await page.GotoAsync(new Uri(url, "/bridge").ToString());
        await page.GetByLabel("Route").SelectOptionAsync(new SelectOptionValue { Label = "ERC-20 STOS on ethereum → native STOS on stratos" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect wallet" }).ClickAsync();
        await Expect(page.Locator("#account")).ToContainTextAsync(key.Address.ToString());
        await Expect(page.Locator("#limits")).ToContainTextAsync("Lock at least 0.001 and at most 1000 STOS at a time. Your balance: 5 STOS.");

        // refused in words before anything is signed: a mistyped st1… address, an amount under the minimum
        await page.GetByLabel("Recipient").FillAsync(recipientStratos[..^1] + (recipientStratos[^1] == 'q' ? 'p' : 'q'));
        await Expect(page.Locator("#recipient-error")).ToContainTextAsync("its checksum fails");
        await page.GetByLabel("Amount").FillAsync("0.0001");
        await Expect(page.Locator("#amount-error")).ToHaveTextAsync("The minimum is 0.001 STOS.");
        await Expect(page.Locator("#submit")).ToBeDisabledAsync();
        await ChromiumPages.ScreenshotAsync(page, "bridge-refusals");

        await page.GetByLabel("Recipient").FillAsync(recipientStratos);
        await Expect(page.Locator("#recipient-forms")).ToHaveTextAsync($"Stratos: {recipientStratos} · EVM: {recipient}");
        await page.GetByLabel("Amount").FillAsync("2.5");
        await Expect(page.Locator("#amount-error")).ToBeEmptyAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve and lock" }).ClickAsync();

        // approve, then lock: two transactions from the wallet; the page moves to the transfer's own page
        await page.WaitForURLAsync("**/transfers/ethereum/0x*", new() { Timeout = 120_000 });
        Assert.Equal(2, wallet.SentTransactions.Count);
        var lockTx = wallet.SentTransactions[1];
        Assert.EndsWith($"/transfers/ethereum/{lockTx}", page.Url, StringComparison.Ordinal);
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{PaymentsFixture.Confirmations + 1:x}");
        var card = page.Locator("section.transfer");
        await Expect(card).ToHaveAttributeAsync("data-state", "completed", new() { Timeout = 180_000 });
        await Expect(page.GetByTestId("transfer-state")).ToHaveTextAsync("completed");
        await Expect(card).ToContainTextAsync("2.5 STOS");
        await Expect(card).ToContainTextAsync(recipientStratos);
        await Expect(page.Locator("#error")).ToBeHiddenAsync();

        var destination = (await page.GetByTestId("destination-tx").TextContentAsync())!;
        Assert.Equal(1, await Migration.BridgeService.CountAsync(db, $"""
            SELECT count(*) FROM transfers t JOIN source_events e ON e.id = t.source_event_id JOIN outgoing_txs o ON o.id = t.outgoing_tx_id
            WHERE e.tx_hash = '{lockTx.ToLowerInvariant()}' AND o.status = 'mined' AND o.tx_hash = '{destination.ToLowerInvariant()}'
            """));
        await Expect(card.Locator("a[data-explorer=stratos]")).ToHaveAttributeAsync("href", $"https://explorer.example/tx/{destination}");
        await Expect(card.Locator("a[data-explorer=ethereum]")).ToHaveCountAsync(0); // none configured for ethereum
        var receipt = await bridge.StratosRpc.GetTransactionReceiptAsync(destination);
        Assert.True(receipt?.Succeeded() == true, $"the destination tx {destination} shown on the page is a mined release on stratos");
        Assert.Equal(new BigInteger(25) * ThreeChainBridgeFixture.Stos / 10, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
        await ChromiumPages.ScreenshotAsync(page, "transfer-completed");

        await page.GotoAsync(new Uri(url, $"/wallets/{recipientStratos}").ToString());
        await Expect(page.Locator($"section.transfer[data-state=completed]")).ToContainTextAsync(lockTx);
        await ChromiumPages.ScreenshotAsync(page, "wallet-transfers");
    }
    [Fact]
    public async Task Native_STOS_locked_on_stratos_from_the_bridge_page_is_released_as_ERC20_on_ethereum()
    {
        var (service, url, db) = await fx.StartServiceAsync("pages_bridge_back");
        await using var _ = db;
        await using var __ = service;
        var bridge = fx.Bridge;
        var key = EthKey.Generate();
        await bridge.Stratos.RpcAsync("anvil_setBalance", key.Address.ToLowerHex(), "0x8ac7230489e80000"); // 10 STOS
        var recipient = EthKey.Generate().Address;
        var wallet = new InjectedWallet(key, new Dictionary<long, EvmRpcClient> { [1] = bridge.EthereumRpc, [2048] = bridge.StratosRpc }, startChainId: 1);

        await using var browser = await ChromiumPages.StartAsync();
        var page = await browser.NewPageAsync(phone: true);
        await wallet.InjectAsync(page);
        await page.GotoAsync(new Uri(url, "/bridge").ToString());
        await page.GetByLabel("Route").SelectOptionAsync(new SelectOptionValue { Label = "Native STOS on stratos → ERC-20 STOS on ethereum" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect wallet" }).ClickAsync();
        await Expect(page.Locator("#limits")).ToContainTextAsync("Your balance: 10 STOS.");
        await page.GetByLabel("Recipient").FillAsync(recipient.ToLowerHex());
        await page.GetByLabel("Amount").FillAsync("1.25");
        await ChromiumPages.ScreenshotAsync(page, "bridge-back-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve and lock" }).ClickAsync();

        // native STOS needs no approval: one transaction, the lock, carrying the amount as its value
        await page.WaitForURLAsync("**/transfers/stratos/0x*", new() { Timeout = 120_000 });
        var lockTx = Assert.Single(wallet.SentTransactions);
        Assert.Contains("wallet_switchEthereumChain", wallet.Requests);
        await bridge.Stratos.RpcAsync("anvil_mine", $"0x{PaymentsFixture.Confirmations + 1:x}");
        await Expect(page.Locator("section.transfer")).ToHaveAttributeAsync("data-state", "completed", new() { Timeout = 180_000 });
        await Expect(page.Locator("section.transfer")).ToContainTextAsync("stratos → ethereum");
        var destination = (await page.GetByTestId("destination-tx").TextContentAsync())!;
        Assert.True((await bridge.EthereumRpc.GetTransactionReceiptAsync(destination))?.Succeeded() == true, $"{destination} is a mined release on ethereum");
        var balance = await bridge.EthereumRpc.QueryAsync<BigInteger>(bridge.EthereumDeployment.StosToken!.Value,
            new Erc20Contract.BalanceOfFunction { Account = recipient.ToLowerHex() });
        Assert.Equal(new BigInteger(125) * ThreeChainBridgeFixture.Stos / 100, balance);
        Assert.Equal(1, await Migration.BridgeService.CountAsync(db,
            $"SELECT count(*) FROM transfers t JOIN source_events e ON e.id = t.source_event_id WHERE e.tx_hash = '{lockTx.ToLowerInvariant()}' AND t.status = 'completed'"));
        await ChromiumPages.ScreenshotAsync(page, "transfer-back-completed-phone");
    }
}
