namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>What an <see cref="EvmRpcException"/> means, whatever the node's wording.</summary>
public enum EvmRpcErrorKind
{
    /// <summary>Not recognised: permanent unless the HTTP status says otherwise.</summary>
    Other,

    // Transient (EvmRpcTransientException): retried by the resilience pipeline.

    /// <summary>No answer within the attempt timeout.</summary>
    Timeout,

    /// <summary>Connection refused/reset, DNS failure, truncated response.</summary>
    Connection,

    /// <summary>An HTTP error status without a recognisable JSON-RPC error (5xx, 408 transient; other 4xx permanent).</summary>
    HttpStatus,

    /// <summary>HTTP 429, JSON-RPC -32005 "limit exceeded", provider rate/capacity messages.</summary>
    RateLimited,

    /// <summary>"header not found", "unknown block": the node (or the backend behind a balancer) is behind.</summary>
    BlockNotAvailable,

    /// <summary>The body is not JSON (HTML error page, cut-off body); or a result does not have the expected shape (permanent).</summary>
    InvalidResponse,

    // Recognised permanent outcomes.

    /// <summary>The nonce was used already: usually our own transaction is mined (check its hash).</summary>
    NonceTooLow,

    NonceTooHigh,

    /// <summary>The node has these exact bytes in its pool already: the broadcast has happened.</summary>
    AlreadyKnown,

    /// <summary>Another transaction with this nonce is pooled and ours does not bump its fees enough.</summary>
    ReplacementUnderpriced,

    /// <summary>"transaction underpriced", "max fee per gas less than block base fee".</summary>
    FeeTooLow,

    InsufficientFunds,

    /// <summary>eth_getLogs refused the range or result size: shrink the block range and ask again.</summary>
    LogRangeTooLarge,

    /// <summary>The EVM reverted; revert data kept on <see cref="EvmRpcExecutionRevertedException"/>.</summary>
    ExecutionReverted,

    /// <summary>JSON-RPC -32602.</summary>
    InvalidParams,

    /// <summary>JSON-RPC -32601.</summary>
    MethodNotFound,

    /// <summary>JSON-RPC -32600 / -32700.</summary>
    InvalidRequest,
}
