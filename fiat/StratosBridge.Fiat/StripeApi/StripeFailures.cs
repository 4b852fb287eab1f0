using System.Net;
using Stripe;

namespace StratosBridge.Fiat.StripeApi;

/// <summary>
/// How a failed Stripe.net call is read: <see cref="IsStripeFailure"/> says Stripe answered an error or could not be
/// asked (after Stripe.net's own retries), <see cref="IsTransient"/> that asking again later may succeed (no answer, a
/// timeout, a 5xx), as against a refusal of the request itself (4xx: a bad parameter, a wrong key, an idempotency clash).
/// </summary>
public static class StripeFailures
{
    public static bool IsStripeFailure(Exception e) => e is StripeException or HttpRequestException or TimeoutException or TaskCanceledException;

    public static bool IsTransient(Exception e) => e switch
    {
        StripeException s => s.HttpStatusCode == 0 || (int)s.HttpStatusCode >= 500,
        _ => IsStripeFailure(e),
    };

    /// <summary>Stripe said the object does not exist (404 <c>resource_missing</c>).</summary>
    public static bool IsMissing(Exception e) => e is StripeException { HttpStatusCode: HttpStatusCode.NotFound };
}
