using Microsoft.Playwright;
using StratosBridge.Tests.Integration.Cards;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Webhooks;
using static Microsoft.Playwright.Assertions;

namespace StratosBridge.Tests.Integration.Pages;

/// <summary>
/// <c>/ops</c> and <c>/business</c> in Debian's Chromium against the real service with card payments on (its Stripe a
/// local fake): a wrong secret is refused in words, the right one shows the chains' heads and queues (operators) or the
/// account, its monthly limit and a statement downloaded as CSV (businesses); a business manages its webhook endpoints
/// (a real receiver on loopback gets what the page sends) and its API keys; an operator pauses and resumes a route, and sees
/// reconciliation, the governor's queue and the grant programs.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class ConsolePageTests(PaymentsFixture fx)
{
    [Fact]
    public async Task An_operator_signs_in_with_the_admin_token_sees_chain_heads_and_queues_and_pauses_and_resumes_a_route()
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
        await Expect(page.Locator("#reconciliation tbody")).ToHaveTextAsync("No check has run yet.");
        await Expect(page.Locator("#delayed tbody")).ToHaveTextAsync("No transfer is held back.");
        await Expect(page.Locator("#grants tbody")).ToHaveTextAsync("No grant program.");
        await Expect(page.Locator("#pauses tbody")).ToHaveTextAsync("Nothing has been paused.");
        await Expect(page.Locator("#error")).ToBeHiddenAsync();

        // Pause a route: refused in words without a name and a reason, then done, shown here, on the home page and in the API
        await page.Locator("#pause-scope").SelectOptionAsync("route");
        await page.Locator("#pause-chain").SelectOptionAsync("ethereum");
        await page.Locator("#pause-destination").SelectOptionAsync("stratos");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        await Expect(page.Locator("#action-result")).ToContainTextAsync("Say who you are and why");
        await Expect(page.Locator("#pauses tbody")).ToHaveTextAsync("Nothing has been paused.");
        await page.GetByLabel("Operator").FillAsync("alice");
        await page.GetByLabel("Reason").FillAsync("incident drill: ethereum RPC under investigation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        await Expect(page.Locator("#action-result")).ToContainTextAsync("Paused (route)");
        var row = page.Locator("#pauses tr[data-in-force=true]");
        await Expect(row).ToContainTextAsync("route ethereum → stratos");
        await Expect(row).ToContainTextAsync("operator:alice");
        await Expect(row).ToContainTextAsync("incident drill: ethereum RPC under investigation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        await Expect(page.Locator("#action-result")).ToContainTextAsync("That is paused already.");
        await ChromiumPages.ScreenshotAsync(page, "ops");

        await page.GotoAsync(new Uri(card.Url, "/").ToString());
        await Expect(page.Locator("#overall")).ToContainTextAsync("paused by its operators");
        await Expect(page.Locator("#pauses")).ToContainTextAsync("incident drill: ethereum RPC under investigation");

        await page.GotoAsync(new Uri(card.Url, "/ops").ToString()); // still signed in (this tab's session)
        await page.GetByLabel("Operator").FillAsync("bob");
        await page.GetByLabel("Reason").FillAsync("RPC provider fixed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume route ethereum → stratos" }).ClickAsync();
        await Expect(page.Locator("#action-result")).ToContainTextAsync("Resumed: route ethereum → stratos.");
        await Expect(page.Locator("#pauses tr[data-in-force=false]")).ToContainTextAsync("operator:bob: RPC provider fixed");
        await Expect(page.Locator("#pauses tr[data-in-force=true]")).ToHaveCountAsync(0);
        using var http = new HttpClient();
        var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(card.Url, "/v1/status"))).RootElement;
        Assert.Equal(0, status.GetProperty("pauses").GetArrayLength());
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

        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(key[..^2] + "xx");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#signin-error")).ToContainTextAsync("That API key was not accepted.");

        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#who")).ToContainTextAsync("Signed in as Acme Storage");
        await Expect(page.Locator("#account")).ToContainTextAsync("250.00 USD");
        await Expect(page.Locator("#account")).ToContainTextAsync(Chains.Stratos.StratosAddress.Parse(business.Wallet.ToString()).Bech32);
        await Expect(page.Locator("#statement tbody")).ToContainTextAsync("Nothing in this period.");
        await ChromiumPages.ScreenshotAsync(page, "business-signed-in");

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

    [Fact]
    public async Task A_business_adds_a_webhook_sees_its_deliveries_redelivers_rotates_and_deletes_it_and_manages_its_keys()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var card = await CardService.StartAsync(fx, "pages_integrations", new Dictionary<string, string?>
        {
            ["Webhooks:AllowLoopback"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.200",
        });
        var business = await card.NewBusinessAsync();
        var key = business.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        await using var browser = await ChromiumPages.StartAsync();
        var page = await browser.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync(); // the page confirms deletions and revocations
        await page.GotoAsync(new Uri(card.Url, "/business").ToString());
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#webhooks tbody")).ToHaveTextAsync("No endpoints yet.");
        await Expect(page.Locator("#keys tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#keys tbody tr").First).ToContainTextAsync("(this tab)");
        await Expect(page.Locator("#keys tbody tr").First.GetByRole(AriaRole.Button)).ToHaveCountAsync(0); // the key in use cannot be revoked here

        // a URL deliveries may not reach is refused in words; the receiver on loopback (the devnet's allowance) is added
        await page.GetByLabel("Endpoint URL").FillAsync("https://10.1.2.3/hooks");
        await page.GetByLabel("credit.completed").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Expect(page.Locator("#hook-status")).ToContainTextAsync("That webhook address cannot be used");
        await page.GetByLabel("Endpoint URL").FillAsync(receiver.Url.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Expect(page.Locator("#hook-secret")).ToContainTextAsync("whsec_");
        var secret = await page.Locator("#hook-secret [data-once]").TextContentAsync();
        var row = page.Locator("#webhooks tbody tr[data-status=enabled]");
        await Expect(row).ToContainTextAsync("credit.completed");

        // a test event reaches the receiver signed with the secret the page showed once; the account sees the delivery
        await row.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(receiver.Received.Any(r => r.AnsweredStatus == 200)), TimeSpan.FromSeconds(60), "the test event delivered");
        var first = receiver.Received.First(r => r.AnsweredStatus == 200);
        Assert.True(SignedWith(secret!, first), $"{first.Header("StratosBridge-Signature")} is not signed with the secret shown");
        var delivered = page.Locator("#deliveries tbody tr[data-status=delivered]");
        await Eventually.HoldsAsync(async () =>
        {
            await row.GetByRole(AriaRole.Button, new() { Name = "Deliveries" }).ClickAsync();
            return await delivered.CountAsync() == 1;
        }, TimeSpan.FromSeconds(60), "the delivery shown as delivered");
        await Expect(delivered).ToContainTextAsync("test.ping");
        await Expect(delivered).ToContainTextAsync("200");

        // redelivered on request: the receiver gets it again, marked as a redelivery of the first
        await delivered.GetByRole(AriaRole.Button, new() { Name = "Redeliver" }).ClickAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(receiver.Received.Count(r => r.AnsweredStatus == 200) == 2), TimeSpan.FromSeconds(60), "the redelivery");
        var again = receiver.Received.Where(r => r.AnsweredStatus == 200).Last();
        Assert.Equal("true", again.Header("StratosBridge-Is-Redelivery"));
        Assert.Equal(first.Header("StratosBridge-Event-Id"), again.Header("StratosBridge-Event-Id"));
        await Expect(page.Locator("#deliveries tbody tr")).ToHaveCountAsync(2);

        // a new secret, shown once
        await row.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
        await Expect(page.Locator("#hook-secret")).ToContainTextAsync("previous secret keeps signing");
        Assert.NotEqual(secret, await page.Locator("#hook-secret [data-once]").TextContentAsync());

        // a second key, shown once, then revoked: the API refuses it from then on
        await page.GetByLabel("Label for a new key").FillAsync("ci runner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.Locator("#new-key")).ToContainTextAsync("sbk_");
        var newKey = (await page.Locator("#new-key [data-once]").TextContentAsync())!;
        var labelled = page.Locator("#keys tbody tr", new() { HasText = "ci runner" });
        await Expect(labelled).ToHaveAttributeAsync("data-status", "active");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await GetAsync(card.Url, "/v1/account", newKey)).StatusCode);
        await ChromiumPages.ScreenshotAsync(page, "business-integrations");
        await labelled.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(labelled).ToHaveAttributeAsync("data-status", "revoked");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await GetAsync(card.Url, "/v1/account", newKey)).StatusCode);

        // deleted: no longer listed, and the API no longer knows it
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.Locator("#webhooks tbody")).ToHaveTextAsync("No endpoints yet.");
        using var listed = await business.Http.GetAsync("/v1/account/webhooks");
        Assert.Equal("""{"endpoints":[]}""", await listed.Content.ReadAsStringAsync());
        await Expect(page.Locator("#error")).ToBeHiddenAsync();
    }

    /// <summary>Whether a delivery's <c>StratosBridge-Signature</c> (<c>t=…,v1=…</c>) has the HMAC-SHA256 of <c>t.body</c> under <paramref name="secret"/>.</summary>
    private static bool SignedWith(string secret, ReceivedWebhook request)
    {
        var parts = request.Header("StratosBridge-Signature").Split(',').Select(p => p.Split('=', 2)).ToList();
        var t = parts.Single(p => p[0] == "t")[1];
        var mac = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret),
            System.Text.Encoding.UTF8.GetBytes($"{t}.{request.Body}")));
        return parts.Any(p => p[0] == "v1" && p[1] == mac);
    }

    private static async Task<HttpResponseMessage> GetAsync(Uri url, string path, string key)
    {
        using var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return await http.GetAsync(path);
    }
}
