using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Evm.Transactions;

namespace StratosBridge.Bench;

/// <summary>
/// The payments of <c>ops/bench payments</c>: every <c>OzonePayments.pay(quoteId, beneficiary)</c> with value = the
/// quote's amount due, signed in advance by several payer accounts (round-robin per chain, nonces in order from the node,
/// no ledger), so that sending is only <c>eth_sendRawTransaction</c>, every payer on every chain in parallel.
/// </summary>
public sealed class PaymentLoad
{
    private readonly IReadOnlyList<(EvmRpcClient Rpc, IReadOnlyList<byte[]> Signed)> _queues;

    private PaymentLoad(IReadOnlyList<(EvmRpcClient, IReadOnlyList<byte[]>)> queues)
    {
        _queues = queues;
    }

    /// <summary>
    /// Signs <paramref name="payments"/>: those of each chain round-robin over <paramref name="payers"/> (who must hold the
    /// coin and gas on that chain), to the chain's OzonePayments in <paramref name="contracts"/>. Gas is one estimate plus
    /// half; fees far above the current base fee, so that full blocks raising it cannot strand a pre-signed payment.
    /// </summary>
    public static async Task<PaymentLoad> PrepareAsync(IReadOnlyDictionary<string, EvmRpcClient> rpcs, IReadOnlyDictionary<string, EthAddress> contracts,
        IReadOnlyList<EthKey> payers, IReadOnlyList<QuotedPayment> payments, CancellationToken ct)
    {
        var queues = new List<(EvmRpcClient, IReadOnlyList<byte[]>)>();
        foreach (var group in payments.GroupBy(p => p.Chain))
        {
            var rpc = rpcs[group.Key];
            var contract = contracts[group.Key];
            var chainId = (ulong)await rpc.ChainIdAsync(ct);
            var onChain = group.ToList();
            var first = onChain[0];
            var estimate = await rpc.EstimateGasAsync(new CallInput { To = contract.ToLowerHex(), Data = Hex.Encode(OzonePaymentsContract.EncodePay(Hex.Decode(first.QuoteId), first.Beneficiary)), From = payers[0].Address.ToLowerHex(), Value = new HexBigInteger(first.AmountDue) }, ct: ct);
            var gas = (ulong)(estimate + estimate / 2);
            var fees = await EvmFeeSuggestion.FetchAsync(rpc, ct);
            for (var p = 0; p < payers.Count && p < onChain.Count; p++)
            {
                var signed = new List<byte[]>();
                var nonce = (ulong)await rpc.GetTransactionCountAsync(payers[p].Address.ToLowerHex(), EvmBlocks.Pending, ct);
                for (var i = p; i < onChain.Count; i += payers.Count)
                {
                    signed.Add(new Eip1559Transaction
                    {
                        ChainId = chainId, Nonce = nonce++, GasLimit = gas, To = contract, Value = onChain[i].AmountDue,
                        Data = OzonePaymentsContract.EncodePay(Hex.Decode(onChain[i].QuoteId), onChain[i].Beneficiary),
                        MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas, MaxFeePerGas = fees.MaxFeePerGas * 50,
                    }.Sign(payers[p]).Raw.ToArray());
                }
                queues.Add((rpc, signed));
            }
        }
        return new PaymentLoad(queues);
    }

    /// <summary>Broadcasts every payment, each payer's in nonce order, all payers on all chains in parallel; returns when the nodes have them all.</summary>
    public Task SendAsync(CancellationToken ct) =>
        Task.WhenAll(_queues.Select(queue => Task.Run(async () =>
        {
            foreach (var raw in queue.Signed)
            {
                await queue.Rpc.SendRawTransactionAsync(raw, ct);
            }
        }, ct)));
}
