using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StratosBridge.Tests.Integration.Cards;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Safety;

/// <summary>
/// The cards pause: new card checkouts are refused (409 <c>paused</c>), a card payment made meanwhile is recorded but its
/// Ozone waits, and resuming credits it once.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class CardPauseTests(PaymentsFixture fx)
{
    [Fact]
    public async Task Paused_cards_refuse_new_checkouts_hold_the_credit_of_a_paid_one_and_credit_it_once_on_resume()
    {
        await using var card = await CardService.StartAsync(fx, "card_pause");
        var business = await card.NewBusinessAsync();
        var (id, session, quote) = await card.OpenCheckoutAsync(business, "5.00");

        using var paused = await card.Admin.PostAsJsonAsync("/v1/admin/pauses", new { scope = "cards", @operator = "erin", reason = "Stripe incident" });
        Assert.Equal(HttpStatusCode.Created, paused.StatusCode);
        var pauseId = (await paused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var (status, refused) = await card.CheckoutAsync(business, new { usd = "5.00", successUrl = "https://acme.example/paid", cancelUrl = "https://acme.example/cart" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("paused", refused.GetProperty("code").GetString());
        Assert.Contains("Stripe incident", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var completed = card.Stripe.CompleteSession(session);
        using (var delivered = await card.Stripe.DeliverAsync(completed, card.Webhook))
        {
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        }
        await Eventually.HoldsAsync(async () => await card.CountAsync($"SELECT count(*) FROM credits WHERE quote_id = '{quote}' AND status = 'ready'") == 1,
            TimeSpan.FromSeconds(60), $"the card payment's credit to be ready\n{card.Process.OutputTail}");
        await Task.Delay(TimeSpan.FromSeconds(3)); // many credit rounds
        Assert.Equal(1, await card.CountAsync($"SELECT count(*) FROM credits WHERE quote_id = '{quote}' AND status = 'ready' AND tx_hash IS NULL"));
        Assert.DoesNotContain(fx.Companion.Prepays, p => p.Beneficiary == business.Wallet);

        using var resumed = await card.Admin.PostAsJsonAsync($"/v1/admin/pauses/{pauseId}/resume", new { @operator = "erin", reason = "Stripe fine" });
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        await card.WaitForSettlementAsync(business, id, "credited");
        Assert.Single(fx.Companion.Prepays, p => p.Beneficiary == business.Wallet);
        Assert.Equal(1, await card.CountAsync($"SELECT count(*) FROM credits WHERE quote_id = '{quote}'"));
    }
}
