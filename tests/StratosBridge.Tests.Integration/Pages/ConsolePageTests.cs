using Microsoft.Playwright;
using StratosBridge.Tests.Integration.Cards;
using StratosBridge.Tests.Integration.Payments;
using static Microsoft.Playwright.Assertions;

namespace StratosBridge.Tests.Integration.Pages;

/// <summary>
/// <c>/ops</c> and <c>/business</c> in Debian's Chromium against the real service with card payments on (its Stripe a
/// local fake): a wrong secret is refused in words, the right one shows the chains' heads and queues (operators) or the
/// account, its monthly limit and a statement downloaded as CSV (businesses); the room kept for later issues is marked.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class ConsolePageTests(PaymentsFixture fx)
{
    [Fact]
    public async Task An_operator_signs_in_with_the_admin_token_and_sees_chain_heads_queues_and_the_reserved_room()
    {
        await using var card = await CardService.StartAsync(fx, "pages_ops");
        await using var browser = await ChromiumPages.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(card.Url, "/ops").ToString());

        await page.GetByLabel("Admin token").FillAsync("not-the-admin-token-but-long-enough-to-be-one");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#signin-error")).ToContainTextAsync("That admin token was not accepted.");

        await page.GetByLabel("Admin token").FillAsync(CardService.AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#summary")).ToContainTextAsync("Signed in. Roles");
        foreach (var chain in new[] { "bsc", "ethereum", "stratos" })
        {
            await Expect(page.Locator($"#heads tr[data-chain={chain}]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }
        await Expect(page.Locator("#queues")).ToContainTextAsync("Unmatched payments");
        await Expect(page.Locator("#dead-stripe tbody")).ToHaveTextAsync("None.");
        await Expect(page.Locator("[data-reserved=ops]")).ToContainTextAsync("Governor queue");
        await Expect(page.Locator("#error")).ToBeHiddenAsync();
        await ChromiumPages.ScreenshotAsync(page, "ops");
    }

    [Fact]
    public async Task A_business_signs_in_with_its_api_key_sees_its_account_and_limit_and_downloads_its_statement_as_csv()
    {
        await using var card = await CardService.StartAsync(fx, "pages_business");
        var business = await card.NewBusinessAsync(monthlyLimitUsd: "250");
        var key = business.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        await using var browser = await ChromiumPages.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(card.Url, "/business").ToString());

        await page.GetByLabel("API key").FillAsync(key[..^2] + "xx");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#signin-error")).ToContainTextAsync("That API key was not accepted.");

        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#who")).ToContainTextAsync("Signed in as Acme Storage");
        await Expect(page.Locator("#account")).ToContainTextAsync("250.00 USD");
        await Expect(page.Locator("#account")).ToContainTextAsync(Chains.Stratos.StratosAddress.Parse(business.Wallet.ToString()).Bech32);
        await Expect(page.Locator("#statement tbody")).ToContainTextAsync("Nothing in this period.");
        await ChromiumPages.ScreenshotAsync(page, "business-signed-in");
        await Expect(page.Locator("[data-reserved=business]")).ToContainTextAsync("webhooks");

        // buy by card: the checkout's page is the Stripe fake's hosted page; its events reach the service's webhook
        card.Stripe.WebhookEndpoint = card.Webhook;
        await page.GetByLabel("Amount to spend").FillAsync("0.40");
        await page.GetByRole(AriaRole.Button, new() { Name = "Go to card payment" }).ClickAsync();
        await Expect(page.Locator("#buy-status")).ToContainTextAsync("That amount is below the smallest payment accepted.");
        await page.GetByLabel("Amount to spend").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Go to card payment" }).ClickAsync();
        await page.WaitForURLAsync($"{card.Stripe.BaseUrl}c/pay/**", new() { Timeout = 60_000 });
        // the buyer is sent to Fiat:PublicBaseUrl's return route, which is not this test's service (nothing listens there, and
        // a refused connection fails the navigation): answer it in the browser, wait until the browser has left the hosted
        // page, then come back to the console; the webhook credits meanwhile
        var returnRoute = new Uri(new Uri(CardService.PublicBaseUrl), "v1/fiat/checkout/return").ToString();
        await page.RouteAsync(returnRoute + "**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<p>returned</p>" }));
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pay .* USD") }).ClickAsync();
        await page.WaitForURLAsync(returnRoute + "**", new() { Timeout = 60_000 });
        await page.GotoAsync(new Uri(card.Url, "/business").ToString());
        var checkout = page.Locator("#checkouts tbody tr");
        await Expect(checkout).ToHaveAttributeAsync("data-state", "credited", new() { Timeout = 180_000 }); // the page follows it
        await Expect(checkout).ToContainTextAsync("5.00 USD");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#statement tbody tr").First).Not.ToContainTextAsync("Nothing in this period.");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var path = Path.Combine(ChromiumPages.ScreenshotFolder, "statement.csv");
        await download.SaveAsAsync(path);
        Assert.Equal($"statement-{business.AccountId}.csv", download.SuggestedFilename);
        var csv = await File.ReadAllLinesAsync(path);
        Assert.Equal("date,kind,reference,description,usd_cents,noz,stratos_tx,balance_usd_cents,balance_noz", csv[0]);
        Assert.True(csv.Length > 1, "the statement lists the card payment");
        await ChromiumPages.ScreenshotAsync(page, "business");
    }
}
