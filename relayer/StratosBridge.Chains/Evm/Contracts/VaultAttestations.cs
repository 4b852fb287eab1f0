using Nethereum.ABI.EIP712;
using Nethereum.Signer.EIP712;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// EIP-712 attestations for a StosVault (domain <c>StosVault</c>, version <c>2</c>, the vault's chain id and address),
/// hashed and signed by Nethereum's <see cref="Eip712TypedDataEncoder"/> and <see cref="Eip712TypedDataSigner"/>.
/// A signature is 65 bytes r ‖ s ‖ v (v = 27/28), as the vault's <c>ECDSA.recover</c> expects it.
/// </summary>
public static class VaultAttestations
{
    /// <summary>EIP-712 domain name and version the vault verifies attestations against.</summary>
    public const string DomainName = "StosVault";

    /// <inheritdoc cref="DomainName"/>
    public const string DomainVersion = "2";

    /// <summary>The typed data of <paramref name="message"/> for the vault at <paramref name="vault"/> on chain <paramref name="chainId"/>.</summary>
    public static TypedData<Domain> TypedData<T>(ulong chainId, EthAddress vault) => new()
    {
        Domain = new Domain { Name = DomainName, Version = DomainVersion, ChainId = chainId, VerifyingContract = vault.ToLowerHex() },
        Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Domain), typeof(T)),
        PrimaryType = PrimaryType<T>(),
    };

    /// <summary>The 32-byte digest the vault recovers signers from (what its <c>hashRelease</c>/<c>hashCancel</c>/<c>hashRefund</c> return).</summary>
    public static byte[] Hash<T>(ulong chainId, EthAddress vault, T message) =>
        Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(message, TypedData<T>(chainId, vault));

    /// <summary>An attester's 65-byte signature over <paramref name="message"/>.</summary>
    public static byte[] Sign<T>(EthKey attester, ulong chainId, EthAddress vault, T message)
    {
        ArgumentNullException.ThrowIfNull(attester);
        return Hex.Decode(new Eip712TypedDataSigner().SignTypedDataV4(message, TypedData<T>(chainId, vault), attester.Key));
    }

    private static string PrimaryType<T>() =>
        (typeof(T).GetCustomAttributes(typeof(Nethereum.ABI.FunctionEncoding.Attributes.StructAttribute), false).SingleOrDefault()
            as Nethereum.ABI.FunctionEncoding.Attributes.StructAttribute)?.Name
        ?? throw new ArgumentException($"{typeof(T).Name} has no [Struct] name");
}
