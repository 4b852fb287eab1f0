using System.Numerics;
using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>A decoded <c>OzonePayments.OzonePaid</c> event: who paid how much (wei) for which quote, for whom.</summary>
public sealed record OzonePaid(byte[] QuoteId, EthAddress Payer, EthAddress Beneficiary, BigInteger Amount, EvmLog Log);
