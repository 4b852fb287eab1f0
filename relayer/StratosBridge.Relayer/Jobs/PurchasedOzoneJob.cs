using System.ComponentModel;
using System.Numerics;
using Microsoft.Extensions.Logging;
using StratosBridge.Ledger.Payments;
using StratosBridge.Chains.Rest;
using StratosBridge.Chains.Stratos.Rest;
using StratosBridge.Pricing.Ozone;

namespace StratosBridge.Relayer.Jobs;

/// <summary>
/// Recurring (<see cref="JobsOptions.PurchasedOzoneCron"/>): reads what each completed prepay bought
/// (<c>EventPrePay.purchased_noz</c> on Stratos) for the credits that do not show it yet. Informational, so it is no part of
/// the credit worker's round: a Stratos REST outage delays nothing else. Reentrant: the ledger records a credit's noz once
/// (<see cref="CreditStore.RecordPurchasedNozAsync"/> only fills an empty value), so two runs at once write the same thing.
/// </summary>
public sealed class PurchasedOzoneJob(CreditStore credits, OzoneMarket ozone, IHttpClientFactory httpClients, ILogger<PurchasedOzoneJob> logger)
{
    public const string Id = "purchased-ozone";

    private const int Batch = 50;

    [DisplayName("Read the Ozone bought by completed prepays")]
    public async Task RunAsync(CancellationToken ct)
    {
        if (!ozone.IsConfigured)
        {
            return;
        }
        var unknown = await credits.NozUnknownAsync(Batch, ct);
        if (unknown.Count == 0)
        {
            return;
        }
        var rest = new StratosRestClient(httpClients.CreateClient(StratosRestClient.HttpClientName));
        foreach (var (id, txHash) in unknown)
        {
            BigInteger? noz;
            try
            {
                noz = await rest.PurchasedNozAsync(txHash, ct);
            }
            catch (RestCallException e)
            {
                logger.LogWarning("Cannot read the purchased noz of prepay {TxHash} yet: {Error}", txHash, e.Message);
                return;
            }
            if (noz is { } n)
            {
                await credits.RecordPurchasedNozAsync(id, n, ct);
                logger.LogInformation("Prepay {TxHash} bought {Noz} noz (credit {CreditId})", txHash, n, id);
            }
        }
    }
}
