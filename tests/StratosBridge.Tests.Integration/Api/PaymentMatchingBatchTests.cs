using Microsoft.Extensions.DependencyInjection;
using StratosBridge.Ledger.Payments;
using StratosBridge.Relayer.Payments;
using static StratosBridge.Tests.Integration.Api.PaymentSeed;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

/// <summary>
/// The credit worker decides a round's payments in one transaction (<see cref="PaymentStore.MatchDueAsync"/>, issue 23): each
/// decision sees the ones before it in the same batch, exactly as one transaction per payment did.
/// </summary>
public sealed class PaymentMatchingBatchTests
{
    [Fact]
    public async Task Payments_of_one_quote_decided_in_one_batch_see_each_other_half_then_the_rest_then_a_duplicate()
    {
        await using var api = await InProcessApi.StartAsync("match_batch", ApiChains.Settings);
        var quote = await api.Payments.QuoteAsync(Alice);
        var paidAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var half = OneOzEthDue / 2;
        var ids = new List<long>();
        foreach (var (n, amount) in new[] { (0xb1, half), (0xb2, OneOzEthDue - half), (0xb3, OneOzEthDue) })
        {
            ids.Add(await api.Payments.PaidAsync("ethereum", TxHash(n), 990 + n - 0xb1, quote.Id, payer: Bob, beneficiary: Alice, amount, paidAt));
            await api.Payments.FinalAsync("ethereum", TxHash(n), 1000);
        }

        var decided = await api.Services.GetRequiredService<PaymentStore>().MatchDueAsync((payment, q, earlier) =>
            PaymentPolicy.Decide(payment, q, earlier, tolerancePercent: 0.5m, NoCurrentPrice, priceRetry: TimeSpan.FromMinutes(1)), 10);

        Assert.Equal(ids, decided.Select(d => d.Payment.Id));
        Assert.Equal(["under-paid", "paid", "duplicate"], decided.Select(d => d.Decision.Outcome));
        // the two shares add up to the quoted STOS, to the wei; the duplicate buys nothing
        Assert.Equal(OneOzStosWei, decided[0].Decision.Credit!.StosWei + decided[1].Decision.Credit!.StosWei);
        Assert.Null(decided[2].Decision.Credit);
        Assert.Empty(await api.Services.GetRequiredService<PaymentStore>().MatchDueAsync((_, _, _) =>
            throw new InvalidOperationException("nothing is due any more"), 10));
    }
}
