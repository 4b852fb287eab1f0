using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Typed binding of <c>contracts/src/OzonePayments.sol</c> as Nethereum DTOs: a payer's <c>pay(quoteId, beneficiary)</c>,
/// its <c>OzonePaid</c> event, the pause switch, its custom errors and constructor.
/// </summary>
public static class OzonePaymentsContract
{
    public static ContractBinding Binding { get; } = ContractBinding.Of("OzonePayments", typeof(OzonePaymentsContract),
        [.. OpenZeppelinErrors.AccessControlAndPausable, typeof(OpenZeppelinErrors.ReentrancyGuardReentrantCallError)]);

    [Function("pay")]
    public sealed class PayFunction : FunctionMessage
    {
        [Parameter("bytes32", "quoteId", 1)] public byte[] QuoteId { get; set; } = [];
        [Parameter("address", "beneficiary", 2)] public string Beneficiary { get; set; } = "";
    }

    [Function("paused", "bool")]
    public sealed class PausedFunction : FunctionMessage;

    [Function("treasury", "address")]
    public sealed class TreasuryFunction : FunctionMessage;

    /// <summary>Who paid how much (wei) for which quote, for whom.</summary>
    [Event("OzonePaid")]
    public sealed class OzonePaidEvent : IEventDTO
    {
        [Parameter("bytes32", "quoteId", 1, true)] public byte[] QuoteId { get; set; } = [];
        [Parameter("address", "payer", 2, true)] public string Payer { get; set; } = "";
        [Parameter("address", "beneficiary", 3, true)] public string Beneficiary { get; set; } = "";
        [Parameter("uint256", "amount", 4, false)] public BigInteger Amount { get; set; }
    }

    /// <summary>The constructor: (treasury, admin, pausers).</summary>
    public sealed class Deployment : ContractDeploymentMessage
    {
        public Deployment()
            : base("")
        {
        }

        [Parameter("address", "treasury_", 1)] public string Treasury { get; set; } = "";
        [Parameter("address", "admin", 2)] public string Admin { get; set; } = "";
        [Parameter("address[]", "pausers", 3)] public List<string> Pausers { get; set; } = [];
    }

    [Error("TreasuryRejected")]
    public sealed class TreasuryRejectedError : IErrorDTO
    {
        [Parameter("address", "treasury", 1)] public string Treasury { get; set; } = "";
        [Parameter("uint256", "amount", 2)] public BigInteger Amount { get; set; }
    }

    [Error("ZeroAdmin")]
    public sealed class ZeroAdminError : IErrorDTO;

    [Error("ZeroBeneficiary")]
    public sealed class ZeroBeneficiaryError : IErrorDTO;

    [Error("ZeroQuoteId")]
    public sealed class ZeroQuoteIdError : IErrorDTO;

    [Error("ZeroTreasury")]
    public sealed class ZeroTreasuryError : IErrorDTO;

    [Error("ZeroValue")]
    public sealed class ZeroValueError : IErrorDTO;

    /// <summary>Creation code with the constructor's arguments.</summary>
    public static byte[] CreationCode(byte[] bytecode, EthAddress treasury, EthAddress admin, IReadOnlyList<EthAddress> pausers) =>
        new Deployment
        {
            ByteCode = Hex.Encode(bytecode), Treasury = treasury.ToLowerHex(), Admin = admin.ToLowerHex(),
            Pausers = [.. pausers.Select(p => p.ToLowerHex())],
        }.GetDeploymentData();

    /// <summary>Calldata of <c>pay(quoteId, beneficiary)</c>; a quote id is 32 bytes.</summary>
    public static byte[] EncodePay(ReadOnlySpan<byte> quoteId, EthAddress beneficiary)
    {
        if (quoteId.Length != 32)
        {
            throw new ArgumentException($"a quote id is 32 bytes, not {quoteId.Length}", nameof(quoteId));
        }
        return new PayFunction { QuoteId = quoteId.ToArray(), Beneficiary = beneficiary.ToLowerHex() }.GetCallData();
    }
}
