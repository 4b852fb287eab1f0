using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Tests.Unit.Attesting;

/// <summary>The relayer recovers an attestation's signer as the vault's <c>ECDSA.tryRecover</c> does, before it ever sends one.</summary>
public sealed class VaultAttestationRecoveryTests
{
    private static readonly BigInteger N = BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337",
        System.Globalization.CultureInfo.InvariantCulture);

    private static readonly EthAddress Vault = EthAddress.Parse("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    private static readonly VaultRelease Release = new(1, EthAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"), 7,
        EthAddress.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906"), BigInteger.Pow(10, 18));

    [Fact]
    public void The_signer_of_a_release_is_recovered_from_the_digest_the_relayer_computes()
    {
        var attester = EthKey.Generate();
        var signature = StosVaultContract.SignRelease(attester, 2048, Vault, Release);
        Assert.Equal(attester.Address, VaultAttestations.Recover(StosVaultContract.HashRelease(2048, Vault, Release), signature));
        // signed for other contents, another chain or another vault: recovers someone else, never the attester
        Assert.NotEqual(attester.Address, VaultAttestations.Recover(StosVaultContract.HashRelease(2048, Vault, Release with { Amount = 1 }), signature));
        Assert.NotEqual(attester.Address, VaultAttestations.Recover(StosVaultContract.HashRelease(1, Vault, Release), signature));
    }

    [Fact]
    public void Cancels_and_refunds_recover_their_signers_too()
    {
        var attester = EthKey.Generate();
        var cancel = StosVaultContract.SignCancel(attester, 2048, Vault, 1, Release.SrcVault, 7);
        Assert.Equal(attester.Address, VaultAttestations.Recover(StosVaultContract.HashCancel(2048, Vault, 1, Release.SrcVault, 7), cancel));
        var refund = StosVaultContract.SignRefund(attester, 1, Release.SrcVault, 7, Release.Recipient, 5);
        Assert.Equal(attester.Address, VaultAttestations.Recover(StosVaultContract.HashRefund(1, Release.SrcVault, 7, Release.Recipient, 5), refund));
    }

    [Fact]
    public void What_the_vault_would_refuse_recovers_nobody()
    {
        var attester = EthKey.Generate();
        var digest = StosVaultContract.HashRelease(2048, Vault, Release);
        var signature = StosVaultContract.SignRelease(attester, 2048, Vault, Release);
        // the malleable twin (n − s, v flipped) recovers the same key mathematically; OpenZeppelin refuses a high s
        var s = new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var twin = signature.ToArray();
        (N - s).ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(twin.AsSpan(32 + 32 - (N - s).GetByteCount(isUnsigned: true)));
        twin[64] = (byte)(signature[64] == 27 ? 28 : 27);
        Assert.Null(VaultAttestations.Recover(digest, twin));
        var badV = signature.ToArray();
        badV[64] = 29;
        Assert.Null(VaultAttestations.Recover(digest, badV));
        Assert.Null(VaultAttestations.Recover(digest, signature[..64]));
        Assert.Null(VaultAttestations.Recover(digest, new byte[65]));
    }
}
