using System.Net;
using System.Net.Http.Json;
using StratosBridge.Tests.Integration.Api;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.Tests.Integration.Quotes;

namespace StratosBridge.Tests.Integration.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the real host with live (fake) prices: a POST retried, even 8 times at once, does its work once
/// and every caller gets the same answer; the key cannot be reused for another request.
/// </summary>
public sealed class IdempotentPostTests
{
    private static readonly object Quote = new { beneficiary = Wallets.Alice, payAsset = "ETH", oz = "1" };

    private static HttpRequestMessage Post(string key, object body) =>
        new(HttpMethod.Post, "/v1/quotes") { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } } };

    [Fact]
    public async Task Eight_parallel_quote_requests_with_one_key_make_one_quote_and_all_get_its_answer()
    {
        await using var h = await PricingHarness.StartAsync("idempotent_quotes");
        await h.WarmAsync();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await h.Http.SendAsync(Post(key, Quote));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(),
                Replayed: response.Headers.TryGetValues("Idempotent-Replayed", out var v) && v.Contains("true"),
                Location: response.Headers.Location?.ToString());
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Single(answers.Select(a => a.Location).Distinct());
        Assert.Equal(7, answers.Count(a => a.Replayed));
        Assert.Equal(1, await BridgeService.CountAsync(h.Database, "SELECT count(*) FROM quotes"));

        // the same key for another request is refused, and makes nothing
        using var reused = await h.Http.SendAsync(Post(key, new { beneficiary = Wallets.Alice, payAsset = "ETH", oz = "2" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("idempotency-key-reused", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // a new key is a new quote; a key that is not one is refused
        using var fresh = await h.Http.SendAsync(Post(Guid.NewGuid().ToString(), Quote));
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        using var bad = await h.Http.SendAsync(Post(new string('k', 256), Quote));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("invalid-idempotency-key", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await BridgeService.CountAsync(h.Database, "SELECT count(*) FROM quotes"));
    }

    [Fact]
    public async Task A_refusal_is_kept_too_but_an_answer_worth_retrying_is_not()
    {
        await using var h = await PricingHarness.StartAsync("idempotent_refusals");
        var key = Guid.NewGuid().ToString();
        // before prices arrive the service answers 503: not kept, so the retry with the same key runs (and succeeds)
        using (var early = await h.Http.SendAsync(Post(key, Quote)))
        {
            Assert.True(early.StatusCode is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"{early.StatusCode}");
        }
        await h.WarmAsync();
        using var retried = await h.Http.SendAsync(Post(key, Quote));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);

        var badKey = Guid.NewGuid().ToString();
        object invalid = new { beneficiary = "st1notanaddress", payAsset = "ETH", oz = "1" };
        using var first = await h.Http.SendAsync(Post(badKey, invalid));
        using var second = await h.Http.SendAsync(Post(badKey, invalid));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }
}
