using System.Numerics;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Chains.Stratos.Prepay;

/// <summary>
/// A decoded <c>/stratos.sds.v1.MsgPrepay</c>: <paramref name="Sender"/> pays <paramref name="Wei"/> (its one coin,
/// denom <c>wei</c>) for Ozone credited to <paramref name="Beneficiary"/>. Both accounts as their 20 bytes (the
/// message carries them as <c>st1…</c> bech32).
/// </summary>
public sealed record PrepayMessage(EthAddress Sender, EthAddress Beneficiary, BigInteger Wei);
