using System.Net;
using Microsoft.Playwright;
using StratosBridge.Tests.Integration.Api;
using StratosBridge.Tests.Integration.Cards;
using StratosBridge.Tests.Integration.Pages;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;
using static Microsoft.Playwright.Assertions;

namespace StratosBridge.Tests.Integration.Safety;

/// <summary>
/// Card reconciliation through the real service with its Stripe a local fake: while every paid checkout is in the ledger (or
/// awaiting its webhook) the check passes; a card payment row deleted from the ledger makes Stripe's paid checkouts (listed through Stripe.net) exceed
/// the ledger's card payments, which pauses cards within one cycle, with an <c>ALARM</c> and the numbers on the status and
/// on <c>/ops</c>, refuses new checkouts, and only an operator clears it.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class CardReconciliationTests(PaymentsFixture fx)
{
    private const string Check = "cards";

    [Fact]
    public async Task A_card_payment_deleted_from_the_ledger_pauses_cards_until_an_operator_clears_it()
    {
        await using var card = await CardService.StartAsync(fx, "recon_cards", new Dictionary<string, string?>
        {
            ["Safety:ReconciliationCron"] = "*/2 * * * * *", ["Safety:ConfirmDelay"] = "00:00:01", ["Admin:Tokens:1"] = AdminSettings.Token,
        });
        using var api = new SafetyApi(card.Url);
        var business = await card.NewBusinessAsync();
        var (id, session, _) = await card.OpenCheckoutAsync(business, "5.00");
        using (var delivered = await card.Stripe.DeliverAsync(card.Stripe.CompleteSession(session), card.Webhook))
        {
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        }
        await card.WaitForSettlementAsync(business, id, "credited");
        await card.OpenCheckoutAsync(business, "1.00"); // open, never paid: Stripe does not report it paid, the ledger has no payment
        var (_, late, _) = await card.OpenCheckoutAsync(business, "2.00");
        card.Stripe.CompleteSession(late); // paid at Stripe, its webhook not delivered yet: awaiting fulfilment, no breach

        var healthy = await Eventually.HoldsAsync(() => api.CheckAsync(Check),
            c => c is not null && c["ok"]!.GetValue<bool>() && c["numbers"]!["stripePaidSessions"]!.GetValue<long>() == 2,
            TimeSpan.FromSeconds(60), $"the cards check to pass with the paid checkouts\n{card.Process.OutputTail}");
        var figures = healthy!["numbers"]!;
        Assert.Equal(("0", 700L, 500L, 200L), (healthy["difference"]!.GetValue<string>(), figures["stripePaidCents"]!.GetValue<long>(),
            figures["ledgerPaymentCents"]!.GetValue<long>(), figures["awaitingFulfilmentCents"]!.GetValue<long>()));
        Assert.DoesNotContain(await api.PausesInForceAsync(), p => p!["scope"]!.GetValue<string>() == "cards");

        // The card payment's row is deleted from the ledger (with its credit; the checkout, unlinked, looks expired unpaid).
        await card.ExecuteAsync($"""
            DELETE FROM credits WHERE payment_id = (SELECT id FROM payments WHERE chain = 'card' AND tx_hash = '{session}');
            UPDATE checkout_sessions SET payment_id = NULL, status = 'expired' WHERE stripe_session_id = '{session}';
            DELETE FROM payments WHERE chain = 'card' AND tx_hash = '{session}';
            """);

        var pause = await api.ReconciliationPauseAsync("cards", card.Process);
        Assert.Equal("cards", pause["covers"]!.GetValue<string>());
        Assert.Contains("reconciliation breach in the card payments", pause["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("500", pause["detail"]!["difference"]!.GetValue<string>());
        await Eventually.HoldsAsync(() => Task.FromResult(card.Process.Alarms.Any(a => a.Contains("reconciliation breach in the card payments", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "its ALARM in the log"); // the log line follows the pause
        var breached = (await api.CheckAsync(Check))!;
        Assert.False(breached["ok"]!.GetValue<bool>());
        Assert.Equal((700L, 0L, 200L), (breached["numbers"]!["stripePaidCents"]!.GetValue<long>(),
            breached["numbers"]!["ledgerPaymentCents"]!.GetValue<long>(), breached["numbers"]!["awaitingFulfilmentCents"]!.GetValue<long>()));
        Assert.Equal([session], breached["numbers"]!["missingInLedger"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains($"paid at Stripe, unknown to the ledger: {session}", breached["note"]!.GetValue<string>(), StringComparison.Ordinal);
        var (status, refused) = await card.CheckoutAsync(business, new { usd = "5.00", successUrl = "https://acme.example/paid", cancelUrl = "https://acme.example/cart" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("paused", refused.GetProperty("code").GetString());

        // operators see the breach and its figures on /ops
        await using (var browser = await ChromiumPages.StartAsync())
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(card.Url, "/ops").ToString());
            await page.GetByLabel("Admin token").FillAsync(AdminSettings.Token);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.Locator("#summary")).ToContainTextAsync("Signed in. Roles", new() { Timeout = 60_000 });
            var row = page.Locator("#reconciliation tr[data-check=cards]");
            await Expect(row).ToContainTextAsync("breach", new() { Timeout = 60_000 });
            await Expect(row).ToContainTextAsync("stripePaidCents 700");
            await Expect(row).ToContainTextAsync($"missingInLedger {session}");
            await ChromiumPages.ScreenshotAsync(page, "ops-reconciliation-cards");
        }

        await api.AfterRunsAsync(Check, 2, card.Process); // nothing clears it by itself
        Assert.Contains(await api.PausesInForceAsync(), p => p!["id"]!.GetValue<long>() == pause["id"]!.GetValue<long>());
        using (var cleared = await api.ResumeAsync(pause["id"]!.GetValue<long>(), new { @operator = "erin", reason = "payment row restored from the Stripe export" }))
        {
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        }
        var passing = await Eventually.HoldsAsync(() => api.CheckAsync(Check), c => c is not null && c["ok"]!.GetValue<bool>(),
            TimeSpan.FromSeconds(60), $"the cards check to pass with the accepted difference\n{card.Process.OutputTail}");
        Assert.Equal(("500", "500"), (passing!["accepted"]!.GetValue<string>(), passing["difference"]!.GetValue<string>()));
        Assert.DoesNotContain(await api.PausesInForceAsync(), p => p!["scope"]!.GetValue<string>() == "cards");
        await card.OpenCheckoutAsync(business, "3.00");
    }
}
