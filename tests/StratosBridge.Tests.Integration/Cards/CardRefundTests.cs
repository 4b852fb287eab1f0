using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Stripe;
using static StratosBridge.Tests.Integration.Payments.PaymentsFixture;

namespace StratosBridge.Tests.Integration.Cards;

/// <summary>
/// Refunds of card payments: operators' refunds through <c>POST /v1/admin/checkouts/{id}/refund</c> (recorded with their
/// idempotency key before Stripe is asked), and what a refund does before the credit's prepay is signed.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class CardRefundTests(PaymentsFixture fx)
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> RefundAsync(CardService card, long checkout, string? usd, string? op = "alice")
    {
        using var response = await card.Admin.PostAsJsonAsync($"/v1/admin/checkouts/{checkout}/refund",
            new { usd, reason = "the customer asked for their money back", @operator = op });
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone());
    }

    /// <summary>Delivers the fake's charge.refunded events not delivered yet, and waits until the service handled them.</summary>
    private static async Task DeliverRefundsAsync(CardService card, ISet<string> delivered)
    {
        var fresh = card.Stripe.Events.Where(e => e.Type == "charge.refunded" && delivered.Add(e.Id)).ToArray();
        Assert.NotEmpty(fresh);
        Assert.All(await card.Stripe.DeliverAllAsync(fresh, card.Webhook), s => Assert.Equal(HttpStatusCode.OK, s));
        await card.WaitHandledAsync(fresh);
    }

    [Fact]
    public async Task An_operator_refunds_part_then_the_rest_and_a_request_repeated_after_a_lost_answer_refunds_once()
    {
        await using var card = await CardService.StartAsync(fx, "card_refund_endpoint");
        var business = await card.NewBusinessAsync();
        var (id, session, _) = await card.OpenCheckoutAsync(business, "5.00");
        var (unpaid, _, _) = await card.OpenCheckoutAsync(business, "1.00");
        await card.Stripe.DeliverAsync(card.Stripe.CompleteSession(session), card.Webhook);
        await card.WaitForSettlementAsync(business, id, "credited");
        var delivered = new HashSet<string>();

        var (status, part) = await RefundAsync(card, id, "2.00");
        Assert.True(status == HttpStatusCode.OK, $"{status}: {part}");
        Assert.Equal(($"refund-{id}-1", 1, "2.00", "2.00", "succeeded", "alice"), (part.GetProperty("idempotencyKey").GetString(),
            part.GetProperty("n").GetInt32(), part.GetProperty("askedUsd").GetString(), part.GetProperty("refundedUsd").GetString(),
            part.GetProperty("status").GetString(), part.GetProperty("operator").GetString()));
        Assert.StartsWith("re_", part.GetProperty("stripeRefundId").GetString());
        await DeliverRefundsAsync(card, delivered);
        Assert.Equal("on-hold", (await card.AccountAsync(business)).GetProperty("status").GetString()); // after delivery: a reversal and a hold

        // every attempt reaches Stripe, which refunds at the first, but no answer comes back: the request fails and is repeated
        card.Stripe.DropNext(3);
        var (lost, problem) = await RefundAsync(card, id, null);
        Assert.Equal(HttpStatusCode.BadGateway, lost);
        Assert.Equal("stripe-unavailable", problem.GetProperty("code").GetString());
        Assert.Equal(1, await card.CountAsync($"SELECT count(*) FROM checkout_refunds WHERE checkout_id = {id} AND n = 2 AND status = 'requested'"));
        var (conflict, inProgress) = await RefundAsync(card, id, "1.00");
        Assert.Equal((HttpStatusCode.Conflict, "refund-in-progress"), (conflict, inProgress.GetProperty("code").GetString()));
        var (again, rest) = await RefundAsync(card, id, null);
        Assert.True(again == HttpStatusCode.OK, $"{again}: {rest}");
        Assert.Equal(($"refund-{id}-2", "3.00", "succeeded"),
            (rest.GetProperty("idempotencyKey").GetString(), rest.GetProperty("refundedUsd").GetString(), rest.GetProperty("status").GetString()));
        Assert.Equal(4, card.Stripe.Requests.Count(r => r.Path == "/v1/refunds" && r.IdempotencyKey == $"refund-{id}-2"));
        Assert.Equal(2, card.Stripe.Events.Count(e => e.Type == "charge.refunded")); // one refund per key
        await DeliverRefundsAsync(card, delivered);

        var (refused, nothingLeft) = await RefundAsync(card, id, null);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "refund-refused"), (refused, nothingLeft.GetProperty("code").GetString()));
        Assert.Contains("has already been refunded", nothingLeft.GetProperty("detail").GetString());
        Assert.Equal(1, await card.CountAsync($"SELECT count(*) FROM checkout_refunds WHERE checkout_id = {id} AND n = 3 AND status = 'failed'"));
        var (notCharged, open) = await RefundAsync(card, unpaid, null);
        Assert.Equal((HttpStatusCode.Conflict, "checkout-not-refundable"), (notCharged, open.GetProperty("code").GetString()));
        var (anonymous, invalid) = await RefundAsync(card, id, "1.00", op: " ");
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid-refund"), (anonymous, invalid.GetProperty("code").GetString()));

        var lines = (await card.StatementAsync(business)).GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([-200L, -300L], lines.Where(l => l.GetProperty("kind").GetString() == "refund").Select(l => l.GetProperty("usdCents").GetInt64()));
        Assert.Equal(0, (await card.StatementAsync(business)).GetProperty("closing").GetProperty("usdCents").GetInt64());
    }

    [Fact]
    public async Task A_refund_before_the_prepay_is_signed_cancels_the_credit_or_leaves_it_for_the_rest_and_holds_nothing()
    {
        // the relayer's Stratos account is empty, so credits wait ready (backing off) until it is funded below
        var signer = "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var card = await CardService.StartAsync(fx, "card_refund_early", new Dictionary<string, string?>
        {
            ["Relay:SignerKey"] = signer, ["Relay:Backoff"] = "00:00:00.500", ["Relay:MaxBackoff"] = "00:00:01",
        });
        var business = await card.NewBusinessAsync();
        var (full, fullSession, _) = await card.OpenCheckoutAsync(business, "5.00");
        var (part, partSession, _) = await card.OpenCheckoutAsync(business, "5.00");
        await card.Stripe.DeliverAllAsync([card.Stripe.CompleteSession(fullSession), card.Stripe.CompleteSession(partSession)], card.Webhook);
        foreach (var checkout in new[] { full, part })
        {
            await Eventually.HoldsAsync(() => card.CountAsync(
                    $"SELECT count(*) FROM credits c JOIN checkout_sessions s ON s.payment_id = c.payment_id WHERE s.id = {checkout} AND c.status = 'ready'"),
                n => n == 1, TimeSpan.FromSeconds(120), $"checkout {checkout}'s credit to wait, ready");
        }
        var delivered = new HashSet<string>();

        // ours, in full: the credit is cancelled, the checkout reversed, and the account stays active
        var (status, refund) = await RefundAsync(card, full, null);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {refund}");
        await DeliverRefundsAsync(card, delivered);
        Assert.Equal(1, await card.CountAsync(
            $"SELECT count(*) FROM credits c JOIN checkout_sessions s ON s.payment_id = c.payment_id WHERE s.id = {full} AND c.status = 'cancelled'"));
        var reversed = await card.CheckoutViewAsync(business, full);
        Assert.Equal("reversed", reversed.GetProperty("status").GetString());
        Assert.Equal("refunded", reversed.GetProperty("settlement").GetProperty("state").GetString());
        Assert.Equal("active", (await card.AccountAsync(business)).GetProperty("status").GetString());

        // from the dashboard, in part: the credit stays ready, for the 3.00 kept
        var wei = $"SELECT c.stos_wei::text FROM credits c JOIN checkout_sessions s ON s.payment_id = c.payment_id WHERE s.id = {part}";
        var before = BigInteger.Parse((await card.TextAsync(wei))!);
        card.Stripe.RefundCharge(partSession, 200);
        await DeliverRefundsAsync(card, delivered);
        var after = BigInteger.Parse((await card.TextAsync(wei))!);
        Assert.Equal(before * 300 / 500, after);
        Assert.Equal("active", (await card.AccountAsync(business)).GetProperty("status").GetString());

        // the relayer is funded: the rest is credited, and only it
        var relayer = EthKey.FromHex(signer).Address.ToLowerHex();
        await fx.Bridge.Stratos.RpcAsync("anvil_setBalance", relayer, "0x" + BigInteger.Pow(10, 24).ToString("x"));
        await card.WaitForSettlementAsync(business, part, "credited");
        Assert.Equal(after.ToString(), await card.TextAsync(wei + " AND c.status = 'completed'"));
        Assert.Equal("reversed", (await card.CheckoutViewAsync(business, full)).GetProperty("status").GetString());
        Assert.Equal("active", (await card.AccountAsync(business)).GetProperty("status").GetString());
        var statement = await card.StatementAsync(business);
        Assert.Equal(300, statement.GetProperty("closing").GetProperty("usdCents").GetInt64());
        Assert.DoesNotContain(statement.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "reversal");
    }
}
