using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Transactions;

namespace StratosBridge.Chains.Evm.Submitting;

/// <summary>
/// Sends transactions from one key and waits for their receipts, taking the nonce from the node. For deployment
/// scripts, the devnet and tests only: the relay workers never use it, because their nonces come from the ledger and
/// every transaction is persisted before it is broadcast. A call that would revert is refused before signing,
/// with the revert decoded by the contract's binding (<see cref="ContractRevertedException"/>).
/// </summary>
public sealed class EvmDirectSubmitter(EvmRpcClient rpc, EthKey key, ulong chainId)
{
    public EthKey Key { get; } = key;

    public EthAddress Address => Key.Address;

    /// <summary>How long to wait for a receipt before giving up.</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Deploys <paramref name="creationCode"/> (bytecode ‖ constructor arguments); returns the new contract's address.</summary>
    public async Task<EthAddress> DeployAsync(byte[] creationCode, ContractBinding? binding = null, CancellationToken ct = default)
    {
        var receipt = await SendAsync(null, creationCode, BigInteger.Zero, binding, ct);
        return EthAddress.Parse(receipt.ContractAddress ?? throw new InvalidOperationException(
            $"deployment {receipt.TransactionHash} has no contract address in its receipt"));
    }

    /// <summary>
    /// Estimates gas (a revert here throws <see cref="ContractRevertedException"/> and nothing is sent), signs an
    /// EIP-1559 transaction with the node's pending nonce, broadcasts it and waits for a successful receipt.
    /// With <paramref name="gasLimit"/> the estimate is skipped and the transaction is sent even if it will revert;
    /// a failed receipt then throws <see cref="ContractRevertedException"/> with the reason found by replaying it.
    /// </summary>
    public async Task<TransactionReceipt> SendAsync(EthAddress? to, byte[] data, BigInteger value = default,
        ContractBinding? binding = null, CancellationToken ct = default, ulong? gasLimit = null)
    {
        var call = new CallInput { To = to?.ToLowerHex(), Data = Hex.Encode(data), From = Address.ToLowerHex(), Value = new HexBigInteger(value) };
        var gas = gasLimit ?? await EstimateAsync(call, binding, ct);
        var fees = await EvmFeeSuggestion.FetchAsync(rpc, ct);
        var nonce = await rpc.GetTransactionCountAsync(Address.ToLowerHex(), EvmBlocks.Pending, ct);
        var signed = new Eip1559Transaction
        {
            ChainId = chainId, Nonce = (ulong)nonce, GasLimit = gas, To = to, Value = value, Data = data,
            MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas, MaxFeePerGas = fees.MaxFeePerGas,
        }.Sign(Key);
        await rpc.SendRawTransactionAsync(signed.Raw.ToArray(), ct);
        var receipt = await WaitForReceiptAsync(signed.HashHex, ct);
        if (!receipt.Succeeded())
        {
            call.Gas = new HexBigInteger(gas);
            var reason = await ContractReverts.ReplayAsync(rpc, call, receipt.BlockNumber.ToLong(), binding, ct);
            throw new ContractRevertedException(reason ?? RevertReason.Decode([]), receipt.TransactionHash);
        }
        return receipt;
    }

    /// <summary>The node's gas estimate plus 20% and 10,000 of headroom.</summary>
    private async Task<ulong> EstimateAsync(CallInput call, ContractBinding? binding, CancellationToken ct)
    {
        try
        {
            var estimate = (ulong)await rpc.EstimateGasAsync(call, ct: ct);
            return estimate + estimate / 5 + 10_000;
        }
        catch (EvmRpcExecutionRevertedException e)
        {
            throw new ContractRevertedException(ContractReverts.Decode(e, binding), null);
        }
    }

    /// <summary><c>eth_call</c> against the latest block; a revert throws <see cref="ContractRevertedException"/>.</summary>
    public async Task<byte[]> CallAsync(EthAddress to, byte[] data, ContractBinding? binding = null, CancellationToken ct = default)
    {
        try
        {
            return Hex.Decode(await rpc.CallAsync(new CallInput { To = to.ToLowerHex(), Data = Hex.Encode(data), From = Address.ToLowerHex() },
                EvmBlocks.Latest, ct));
        }
        catch (EvmRpcExecutionRevertedException e)
        {
            throw new ContractRevertedException(ContractReverts.Decode(e, binding), null);
        }
    }

    /// <summary>Polls for the receipt of <paramref name="transactionHash"/> until <see cref="ReceiptTimeout"/>.</summary>
    public async Task<TransactionReceipt> WaitForReceiptAsync(string transactionHash, CancellationToken ct = default)
    {
        var deadline = DateTimeOffset.UtcNow + ReceiptTimeout;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            if (await rpc.GetTransactionReceiptAsync(transactionHash, ct) is { } receipt)
            {
                return receipt;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"no receipt for {transactionHash} within {ReceiptTimeout.TotalSeconds:0} s");
            }
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }
}
