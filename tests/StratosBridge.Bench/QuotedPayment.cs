using System.Numerics;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Bench;

/// <summary>
/// One payment of <c>ops/bench payments</c>: a quote created through <c>POST /v1/quotes</c> for a fresh
/// <paramref name="Beneficiary"/>, to be paid on <paramref name="Chain"/> with exactly its <paramref name="AmountDue"/>
/// (wei), which buys <paramref name="QuotedNoz"/> with <paramref name="StosWei"/> prepaid on Stratos.
/// </summary>
public sealed record QuotedPayment(string Chain, string QuoteId, EthAddress Beneficiary, BigInteger AmountDue, BigInteger QuotedNoz,
    BigInteger StosWei);
