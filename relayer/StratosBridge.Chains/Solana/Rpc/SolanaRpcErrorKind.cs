namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>What a <see cref="SolanaRpcException"/> means. Solana nodes agree on their error codes, so the code decides.</summary>
public enum SolanaRpcErrorKind
{
    /// <summary>Not recognised: permanent unless the HTTP status says otherwise.</summary>
    Other,

    // Transient (SolanaRpcTransientException): retried by the resilience pipeline.

    /// <summary>No answer within the attempt timeout.</summary>
    Timeout,

    /// <summary>Connection refused/reset, DNS failure, truncated response.</summary>
    Connection,

    /// <summary>An HTTP error status without a JSON-RPC error (5xx and 408 transient; other 4xx permanent).</summary>
    HttpStatus,

    /// <summary>HTTP 429 or a provider's rate-limit error.</summary>
    RateLimited,

    /// <summary>The body is not JSON (transient); or a result does not have the expected shape (permanent).</summary>
    InvalidResponse,

    /// <summary>-32005: the node is behind the cluster.</summary>
    NodeUnhealthy,

    /// <summary>-32004 block not available, -32014 block status not available yet, -32019 long-term storage unreachable.</summary>
    BlockNotAvailable,

    /// <summary>-32016: the node has not reached the request's minContextSlot (a balancer sent it to a lagging node).</summary>
    MinContextSlotNotReached,

    /// <summary>-32603: the node failed internally.</summary>
    InternalError,

    // Permanent.

    /// <summary>-32002: sendTransaction's simulation failed; <see cref="SolanaRpcException.ErrorData"/> has the simulation result.</summary>
    PreflightFailure,

    /// <summary>-32003.</summary>
    SignatureVerificationFailure,

    /// <summary>-32015: the transaction is versioned and the request did not allow its version.</summary>
    UnsupportedTransactionVersion,

    /// <summary>-32001 block cleaned up, -32007 slot skipped, -32009 long-term storage slot skipped, -32011 history not available.</summary>
    HistoryNotAvailable,

    /// <summary>-32602.</summary>
    InvalidParams,

    /// <summary>-32601.</summary>
    MethodNotFound,

    /// <summary>-32600 / -32700.</summary>
    InvalidRequest,
}
