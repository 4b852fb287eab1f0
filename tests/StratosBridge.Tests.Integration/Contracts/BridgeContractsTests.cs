using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Evm;
using StratosBridge.TestKit.Anvil;

namespace StratosBridge.Tests.Integration.Contracts;

/// <summary>
/// The contracts driven from C# through the EVM layer only: deployment in both vault modes, a lock on ethereum, its
/// release on stratos with an attester's EIP-712 signature, a payment for Ozone, and the refusals (a second release,
/// the per-release and 24 h caps, a non-attester's signature) reported by their custom error names.
/// Tests share one deployment and run in order (xunit runs a class's facts sequentially); each uses fresh event ids.
/// </summary>
public class BridgeContractsTests(DeployedBridgeFixture bridge) : IClassFixture<DeployedBridgeFixture>
{
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;

    private EthAddress EthereumVault => bridge.EthereumDeployment.Vaults["stratos"];

    private EthAddress StratosVault => bridge.StratosDeployment.Vaults["ethereum"];

    private EvmDirectSubmitter On(EvmRpcClient rpc, EthKey key, ulong chainId) => new(rpc, key, chainId);

    [Fact]
    public async Task Deployment_places_both_vault_modes_the_payments_contract_and_the_system_contract_stand_in()
    {
        var eth = On(bridge.EthereumRpc, bridge.Holder, 1);
        var stratos = On(bridge.StratosRpc, bridge.Holder, 2048);
        Assert.Equal(bridge.EthereumDeployment.StosToken, Address(await eth.CallAsync(EthereumVault, StosVaultContract.Token.EncodeCall([]))));
        Assert.Equal(new BigInteger(2048), Uint(await eth.CallAsync(EthereumVault, StosVaultContract.DestChainId.EncodeCall([]))));
        Assert.Equal(EthAddress.Zero, Address(await stratos.CallAsync(StratosVault, StosVaultContract.Token.EncodeCall([]))));
        Assert.Equal(BigInteger.One, Uint(await stratos.CallAsync(StratosVault, StosVaultContract.DestChainId.EncodeCall([]))));
        foreach (var (submitter, vault) in new[] { (eth, EthereumVault), (stratos, StratosVault) })
        {
            Assert.True(Bool(await submitter.CallAsync(vault, StosVaultContract.HasRole.EncodeCall([StosVaultContract.RelayerRole, bridge.Relayer.Address]))));
            Assert.True(Bool(await submitter.CallAsync(vault, StosVaultContract.HasRole.EncodeCall([StosVaultContract.AttesterRole, bridge.Attester.Address]))));
            Assert.False(Bool(await submitter.CallAsync(vault, StosVaultContract.HasRole.EncodeCall([StosVaultContract.RelayerRole, bridge.Holder.Address]))));
            Assert.Equal(1000 * Stos, Uint(await submitter.CallAsync(vault, StosVaultContract.TotalFunded.EncodeCall([]))));
        }
        var code = await bridge.StratosRpc.CallAsync("eth_getCode", [StratosSystemContract.Address.ToLowerHex(), "latest"]);
        Assert.True(code.GetString()!.Length > 2);

        using var file = JsonDocument.Parse(bridge.DeploymentJson);
        var contracts = file.RootElement.GetProperty("Chains").GetProperty("stratos").GetProperty("Contracts");
        Assert.Equal(StratosVault.ToString(), contracts.GetProperty("Vaults").GetProperty("ethereum").GetString());
        Assert.Equal(StratosSystemContract.Address.ToString(), contracts.GetProperty("SystemContract").GetString());
        Assert.Equal(2048, file.RootElement.GetProperty("Chains").GetProperty("stratos").GetProperty("ChainId").GetInt64());
    }

    [Fact]
    public async Task Lock_on_ethereum_then_a_signed_release_on_stratos_pays_the_recipient_once()
    {
        var holder = On(bridge.EthereumRpc, bridge.Holder, 1);
        var recipient = EthKey.Generate().Address;
        var amount = 3 * Stos + 12345;
        await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(EthereumVault, amount), binding: Erc20Contract.Binding);
        var receipt = await holder.SendAsync(EthereumVault, StosVaultContract.EncodeLock(amount, recipient), binding: StosVaultContract.Binding);

        var locked = StosVaultContract.DecodeLocked(Assert.Single(receipt.Logs, l => StosVaultContract.Locked.Matches(Topics(l))));
        Assert.Equal(bridge.Holder.Address, locked.Sender);
        Assert.Equal(recipient, locked.Recipient);
        Assert.Equal(amount, locked.Amount);
        Assert.Equal(new BigInteger(2048), locked.DestChainId);
        Assert.Equal(receipt.TransactionHash, locked.Log.TransactionHash);

        var release = new VaultRelease(1, EthereumVault, locked.Nonce, recipient, amount); // the release of this very lock
        var signature = StosVaultContract.SignRelease(bridge.Attester, 2048, StratosVault, release);
        var relayer = On(bridge.StratosRpc, bridge.Relayer, 2048);
        var released = await relayer.SendAsync(StratosVault, StosVaultContract.EncodeRelease(release, [signature]), binding: StosVaultContract.Binding);

        var decoded = StosVaultContract.DecodeReleased(Assert.Single(released.Logs, l => StosVaultContract.Released.Matches(Topics(l))));
        Assert.Equal(release.Id, decoded.SourceEventId);
        Assert.Equal(recipient, decoded.Recipient);
        Assert.Equal(amount, decoded.Amount);
        Assert.Equal(amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
        Assert.True(Bool(await relayer.CallAsync(StratosVault, StosVaultContract.UsedSourceEvents.EncodeCall([release.Id]))));

        // Refused before sending (gas estimation) and, sent anyway, refused on-chain: both named.
        var early = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            relayer.SendAsync(StratosVault, StosVaultContract.EncodeRelease(release, [signature]), binding: StosVaultContract.Binding));
        Assert.Equal("SourceEventAlreadyUsed", early.ErrorName);
        Assert.Null(early.TransactionHash);
        var mined = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            relayer.SendAsync(StratosVault, StosVaultContract.EncodeRelease(release, [signature]), binding: StosVaultContract.Binding, gasLimit: 300_000));
        Assert.Equal("SourceEventAlreadyUsed", mined.ErrorName);
        Assert.NotNull(mined.TransactionHash);
        Assert.Equal(release.Id, mined.Reason.Arguments[0]);
        Assert.Equal(amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
    }

    [Fact]
    public async Task A_batch_skips_an_already_used_event_with_an_event_instead_of_reverting()
    {
        var relayer = On(bridge.StratosRpc, bridge.Relayer, 2048);
        var recipient = EthKey.Generate().Address;
        var first = new VaultRelease(1, EthereumVault, AnyNonce(), recipient, Stos / 10);
        var second = new VaultRelease(1, EthereumVault, AnyNonce(), recipient, Stos / 5);
        byte[] Sign(VaultRelease r) => StosVaultContract.SignRelease(bridge.Attester, 2048, StratosVault, r);
        await relayer.SendAsync(StratosVault, StosVaultContract.EncodeRelease(first, [Sign(first)]), binding: StosVaultContract.Binding);

        var receipt = await relayer.SendAsync(StratosVault,
            StosVaultContract.EncodeReleaseBatch([first, second], [[Sign(first)], [Sign(second)]]), binding: StosVaultContract.Binding);

        var skipped = Assert.Single(receipt.Logs, l => StosVaultContract.ReleaseSkipped.Matches(Topics(l)));
        Assert.Equal(first.Id, StosVaultContract.DecodeReleaseSkipped(skipped));
        var released = StosVaultContract.DecodeReleased(Assert.Single(receipt.Logs, l => StosVaultContract.Released.Matches(Topics(l))));
        Assert.Equal(second.Id, released.SourceEventId);
        Assert.DoesNotContain(receipt.Logs, l => StosVaultContract.ReleaseConflict.Matches(Topics(l)));

        // the same id again with another amount: a conflict, never a skip counted as done
        var other = first with { Amount = first.Amount + 1 };
        var conflictReceipt = await relayer.SendAsync(StratosVault, StosVaultContract.EncodeReleaseBatch([other], [[Sign(other)]]),
            binding: StosVaultContract.Binding);
        var conflict = StosVaultContract.DecodeReleaseConflict(
            Assert.Single(conflictReceipt.Logs, l => StosVaultContract.ReleaseConflict.Matches(Topics(l))));
        Assert.Equal(first.Id, conflict.SourceEventId);
        Assert.Equal(first.Content, conflict.UsedContent);
        Assert.Equal(other.Content, conflict.Content);
        Assert.Equal(first.Amount + second.Amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
    }

    [Fact]
    public async Task Releases_over_the_caps_or_without_an_attesters_signature_revert_with_their_error_names()
    {
        var eth = On(bridge.EthereumRpc, bridge.Relayer, 1);
        VaultRelease New(BigInteger amount) => new(2048, StratosVault, AnyNonce(), bridge.Holder.Address, amount);
        byte[] Sign(VaultRelease r, EthKey? key = null) => StosVaultContract.SignRelease(key ?? bridge.Attester, 1, EthereumVault, r);

        var tooBig = New(5 * Stos + 1);
        var overCap = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            eth.SendAsync(EthereumVault, StosVaultContract.EncodeRelease(tooBig, [Sign(tooBig)]), binding: StosVaultContract.Binding));
        Assert.Equal("ReleaseCapExceeded", overCap.ErrorName);

        var forged = New(Stos);
        var notAttester = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            eth.SendAsync(EthereumVault, StosVaultContract.EncodeRelease(forged, [Sign(forged, bridge.Holder)]), binding: StosVaultContract.Binding));
        Assert.Equal("SignerNotAttester", notAttester.ErrorName);

        var used = Uint(await eth.CallAsync(EthereumVault, StosVaultContract.DailyCap.EncodeCall([])))
                   - Uint(await eth.CallAsync(EthereumVault, StosVaultContract.AvailableOutflow.EncodeCall([])));
        Assert.Equal(BigInteger.Zero, used);
        foreach (var amount in new[] { 5 * Stos, 3 * Stos })
        {
            var ok = New(amount);
            await eth.SendAsync(EthereumVault, StosVaultContract.EncodeRelease(ok, [Sign(ok)]), binding: StosVaultContract.Binding);
        }
        var beyondDay = New(1);
        var daily = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            eth.SendAsync(EthereumVault, StosVaultContract.EncodeRelease(beyondDay, [Sign(beyondDay)]), binding: StosVaultContract.Binding,
                gasLimit: 300_000));
        Assert.Equal("DailyCapExceeded", daily.ErrorName);
        Assert.Equal([BigInteger.One, BigInteger.Zero], daily.Reason.Arguments);
    }

    [Fact]
    public async Task Native_lock_on_stratos_and_a_payment_for_ozone_emit_decodable_events()
    {
        var holder = On(bridge.StratosRpc, bridge.Holder, 2048);
        var ethereumRecipient = EthKey.Generate().Address;
        var receipt = await holder.SendAsync(StratosVault, StosVaultContract.EncodeLock(2 * Stos, ethereumRecipient), 2 * Stos,
            StosVaultContract.Binding);
        var locked = StosVaultContract.DecodeLocked(Assert.Single(receipt.Logs, l => StosVaultContract.Locked.Matches(Topics(l))));
        Assert.Equal(BigInteger.One, locked.DestChainId);
        Assert.Equal(ethereumRecipient, locked.Recipient);
        Assert.Equal(2 * Stos, locked.Amount);

        var wrongValue = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            holder.SendAsync(StratosVault, StosVaultContract.EncodeLock(2 * Stos, ethereumRecipient), Stos, StosVaultContract.Binding));
        Assert.Equal("NativeValueMismatch", wrongValue.ErrorName);

        var payer = On(bridge.EthereumRpc, bridge.Holder, 1);
        var payments = bridge.EthereumDeployment.OzonePayments!.Value;
        var treasury = bridge.Settings.Treasury!.Value;
        var before = await bridge.NativeBalanceAsync(bridge.EthereumRpc, treasury);
        var quoteId = RandomNumberGenerator.GetBytes(32);
        var beneficiary = EthKey.Generate().Address;
        var paid = await payer.SendAsync(payments, OzonePaymentsContract.EncodePay(quoteId, beneficiary), Stos / 100, OzonePaymentsContract.Binding);
        var decoded = OzonePaymentsContract.DecodeOzonePaid(Assert.Single(paid.Logs));
        Assert.Equal(quoteId, decoded.QuoteId);
        Assert.Equal(bridge.Holder.Address, decoded.Payer);
        Assert.Equal(beneficiary, decoded.Beneficiary);
        Assert.Equal(Stos / 100, decoded.Amount);
        Assert.Equal(before + Stos / 100, await bridge.NativeBalanceAsync(bridge.EthereumRpc, treasury));

        var zero = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            payer.SendAsync(payments, OzonePaymentsContract.EncodePay(quoteId, EthAddress.Zero), Stos, OzonePaymentsContract.Binding));
        Assert.Equal("ZeroBeneficiary", zero.ErrorName);
    }

    /// <summary>
    /// Our use of Nethereum's EIP-712 encoder: the digests of the Release, Cancel and Refund attestations we sign equal what
    /// the vault itself computes (<c>hashRelease</c>, <c>hashCancel</c>, <c>hashRefund</c>) for generated values, including
    /// the ends of each field's range (signatures over them are accepted by the vault in the release tests above).
    /// </summary>
    [Fact]
    public async Task Attestation_digests_equal_the_vaults_own_hashes()
    {
        var stratos = On(bridge.StratosRpc, bridge.Holder, 2048);
        var random = new Random(712);
        BigInteger Amount(int i) => i switch
        {
            0 => BigInteger.Zero,
            1 => (BigInteger.One << 256) - 1,
            _ => new BigInteger(RandomBytes(random, random.Next(1, 33)), isUnsigned: true),
        };
        ulong Nonce(int i) => i switch { 0 => 0, 1 => ulong.MaxValue, _ => (ulong)random.NextInt64() };
        EthAddress AnyAddress() => EthAddress.FromBytes(RandomBytes(random, 20));
        for (var i = 0; i < 12; i++)
        {
            var release = new VaultRelease(i == 1 ? long.MaxValue : random.Next(), AnyAddress(), Nonce(i), AnyAddress(), Amount(i));
            var vaultHash = await stratos.CallAsync(StratosVault, StosVaultContract.HashRelease.EncodeCall(
                [new object?[] { new BigInteger(release.SrcChainId), release.SrcVault, new BigInteger(release.Nonce), release.Recipient, release.Amount }]));
            Assert.Equal(Hex.Encode(vaultHash), Hex.Encode(VaultAttestations.Hash(2048, StratosVault, ReleaseAttestation.Of(release))));

            var nonce = Nonce(i);
            var cancelHash = await stratos.CallAsync(StratosVault, StosVaultContract.HashCancel.EncodeCall([new BigInteger(nonce)]));
            Assert.Equal(Hex.Encode(cancelHash), Hex.Encode(VaultAttestations.Hash(2048, StratosVault,
                new CancelAttestation { SrcChainId = 1, SrcVault = EthereumVault.ToLowerHex(), Nonce = nonce })));

            var (sender, amount) = (AnyAddress(), Amount(i));
            var refundHash = await stratos.CallAsync(StratosVault, StosVaultContract.HashRefund.EncodeCall([new BigInteger(nonce), sender, amount]));
            Assert.Equal(Hex.Encode(refundHash), Hex.Encode(VaultAttestations.Hash(2048, StratosVault,
                new RefundAttestation { Nonce = nonce, Sender = sender.ToLowerHex(), Amount = amount })));
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[][] Topics(EvmLog log) => log.Topics.Select(Hex.Decode).ToArray();

    private static EthAddress Address(byte[] output) => (EthAddress)StosVaultContract.Token.DecodeOutput(output)[0]!;

    private static BigInteger Uint(byte[] output) => (BigInteger)StosVaultContract.Liquidity.DecodeOutput(output)[0]!;

    /// <summary>A random lock nonce of the peer vault, far above the nonces real locks in these tests use.</summary>
    private static ulong AnyNonce() => (BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 1) | (1UL << 40);

    private static bool Bool(byte[] output) => (bool)StosVaultContract.HasRole.DecodeOutput(output)[0]!;
}
