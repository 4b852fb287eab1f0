using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Pricing.Payments;

/// <summary>The call a payer makes on an EVM chain: <c>OzonePayments.pay(bytes32 quoteId, address beneficiary)</c> with the amount due as value.</summary>
public static class OzonePaymentsCall
{
    public static readonly AbiFunction Pay = AbiFunction.Parse("pay(bytes32 quoteId, address beneficiary)");

    public static byte[] Calldata(ReadOnlySpan<byte> quoteId, EthAddress beneficiary)
    {
        if (quoteId.Length != 32)
        {
            throw new ArgumentException($"a quote id is 32 bytes, not {quoteId.Length}", nameof(quoteId));
        }
        return Pay.EncodeCall([quoteId.ToArray(), beneficiary]);
    }
}
