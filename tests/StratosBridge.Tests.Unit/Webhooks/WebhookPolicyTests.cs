using System.Net;
using StratosBridge.Core.Webhooks;

namespace StratosBridge.Tests.Unit.Webhooks;

public sealed class WebhookPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8", false, true)]
    [InlineData("2606:4700:4700::1111", false, true)]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("::1", true, true)]
    [InlineData("10.0.0.1", true, false)]
    [InlineData("172.16.5.4", false, false)]
    [InlineData("172.32.0.1", false, true)]
    [InlineData("192.168.1.1", false, false)]
    [InlineData("169.254.169.254", true, false)]
    [InlineData("100.64.0.1", false, false)]
    [InlineData("0.0.0.0", false, false)]
    [InlineData("224.0.0.1", false, false)]
    [InlineData("fe80::1", false, false)]
    [InlineData("fd12:3456::1", false, false)]
    [InlineData("::ffff:10.0.0.1", false, false)]
    [InlineData("::ffff:8.8.8.8", false, true)]
    public void Only_public_addresses_and_loopback_where_allowed_may_be_reached(string address, bool allowLoopback, bool allowed) =>
        Assert.Equal(allowed, WebhookUrlPolicy.IsAllowed(IPAddress.Parse(address), allowLoopback));

    [Fact]
    public void An_endpoint_is_given_up_only_after_failing_for_the_whole_window_and_retries_double_up_to_the_cap()
    {
        var policy = new WebhookRetryPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromHours(6), TimeSpan.FromDays(3));
        var since = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.False(policy.GivesUp(since, since + TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1)));
        Assert.True(policy.GivesUp(since, since + TimeSpan.FromDays(3)));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.Next(1));
        Assert.Equal(TimeSpan.FromSeconds(60), policy.Next(2));
        Assert.Equal(TimeSpan.FromHours(6), policy.Next(30));
        // over 3 days of failures the attempts keep coming at most 6 h apart: about 20 tries before giving up
        var elapsed = TimeSpan.Zero;
        var attempts = 0;
        while (!policy.GivesUp(since, since + elapsed))
        {
            elapsed += policy.Next(++attempts);
        }
        Assert.InRange(attempts, 15, 25);
    }

    [Theory]
    [InlineData("payment", "pending", false, "quote.payment_seen")]
    [InlineData("payment", "final", false, "quote.payment_final")]
    [InlineData("payment", "unmatched", false, "payment.unmatched")]
    [InlineData("credit", "completed", false, "credit.completed")]
    [InlineData("credit", "completed", true, "credit.completed,checkout.credited")]
    [InlineData("credit", "failed", false, "credit.failed")]
    [InlineData("checkout", "reversed", true, "checkout.reversed")]
    [InlineData("account", "on-hold", false, "account.on_hold")]
    [InlineData("account", "active", false, "account.active")]
    [InlineData("transfer", "completed", false, "transfer.completed")]
    [InlineData("transfer", "failed", false, "transfer.delayed")]
    [InlineData("transfer", "refunded", false, "transfer.refunded")]
    [InlineData("transfer", "cancelling", false, "")]
    [InlineData("payment", "matched", false, "")]
    [InlineData("credit", "submitted", false, "")]
    [InlineData("transfer", "pending", false, "")]
    public void Each_state_change_makes_the_events_an_integrator_expects(string subject, string status, bool byCard, string events) =>
        Assert.Equal(events, string.Join(',', WebhookEventTypes.For(subject, status, byCard)));

    [Fact]
    public void A_signature_during_rotation_carries_one_v1_per_secret_and_a_new_secret_is_never_repeated()
    {
        var header = WebhookSignature.Create(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), "{}"u8, "whsec_a", "whsec_b");
        var parts = header.Split(',');
        Assert.Equal("t=1700000000", parts[0]);
        Assert.Equal(2, parts.Count(p => p.StartsWith("v1=", StringComparison.Ordinal)));
        Assert.NotEqual(parts[1], parts[2]);
        Assert.NotEqual(WebhookSignature.NewSecret(), WebhookSignature.NewSecret());
    }
}
