using System.Numerics;
using StratosBridge.Core.Transfers;

namespace StratosBridge.Ledger.Transfers;

/// <summary>What it takes to open a transfer for a recorded source event.</summary>
public sealed record NewTransfer(
    long SourceEventId,
    string SourceChain,
    string DestChain,
    string Sender,
    string Recipient,
    BigInteger Amount,
    TransferStatus Status);
