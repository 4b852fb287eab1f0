using Microsoft.Extensions.Logging;

namespace StratosBridge.Chains.Evm.Rpc;

internal static partial class EvmRpcLogMessages
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "EVM RPC {Method} on chain {Chain} failed transiently ({ErrorKind}: {Error}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    public static partial void RetryingTransientFailure(ILogger logger, string method, string chain, EvmRpcErrorKind errorKind,
        string error, int retry, int maxRetries, long delayMs);
}
