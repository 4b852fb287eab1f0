using Microsoft.Extensions.Logging;

namespace StratosBridge.Fiat.Stripe;

internal static partial class StripeLogMessages
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Stripe {Request} failed transiently ({Status}, request {RequestId}); attempt {Attempt} of {MaxAttempts} in {DelayMs} ms")]
    public static partial void RetryingTransientFailure(ILogger logger, string request, string status, string? requestId, int attempt,
        int maxAttempts, long delayMs);
}
