using Microsoft.Extensions.Logging;

namespace StratosBridge.Chains.Solana.Rpc;

internal static partial class SolanaRpcLogMessages
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
        Message = "Solana RPC {Method} on {Chain} failed transiently ({ErrorKind}: {Error}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    public static partial void RetryingTransientFailure(ILogger logger, string method, string chain, SolanaRpcErrorKind errorKind,
        string error, int retry, int maxRetries, long delayMs);
}
