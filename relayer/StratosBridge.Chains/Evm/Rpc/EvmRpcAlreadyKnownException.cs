using System.Net;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>The node already has these exact transaction bytes (geth/erigon "already known", BSC/old geth "known transaction", Besu "Known transaction", anvil "transaction already imported", erigon "ALREADY_EXISTS", Nethermind "AlreadyKnown", CometBFT "tx already in mempool"). For a re-broadcast this is success.</summary>
public sealed class EvmRpcAlreadyKnownException(
    string method, long code, string rpcMessage, string? errorData = null, HttpStatusCode? httpStatus = null)
    : EvmRpcException(method, code, rpcMessage, EvmRpcErrorKind.AlreadyKnown, errorData, httpStatus);
