using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Stratos.Prepay;
using StratosBridge.TestKit.Anvil;
using static StratosBridge.Chains.Evm.Contracts.StosVaultContract;

namespace StratosBridge.Tests.Integration.Contracts;

/// <summary>
/// The contracts driven from C# through the EVM layer only (calls encoded, logs and reverts decoded by our Nethereum bindings):
/// deployment in both vault modes, a lock on ethereum, its release on stratos with an attester's EIP-712 signature, a payment
/// for Ozone, a prepay through the SystemContract, and the refusals (a second release, the per-release and 24 h caps, a
/// non-attester's signature, the token's, the timelock's and the SystemContract's own) reported by their custom error names.
/// Every event decoded from a real log is also emitted, with the same topics and data, by another contract: that copy is
/// never taken for the contract's event (Nethereum itself matches topic0 only).
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
        var (eth, stratos) = (bridge.EthereumRpc, bridge.StratosRpc);
        Assert.Equal(bridge.EthereumDeployment.StosToken, EthAddress.Parse(await eth.QueryAsync<string>(EthereumVault, new TokenFunction())));
        Assert.Equal(new BigInteger(2048), await eth.QueryAsync<BigInteger>(EthereumVault, new DestChainIdFunction()));
        Assert.Equal(EthAddress.Zero, EthAddress.Parse(await stratos.QueryAsync<string>(StratosVault, new TokenFunction())));
        Assert.Equal(BigInteger.One, await stratos.QueryAsync<BigInteger>(StratosVault, new DestChainIdFunction()));
        foreach (var (rpc, vault) in new[] { (eth, EthereumVault), (stratos, StratosVault) })
        {
            Assert.True(await HasRoleAsync(rpc, vault, RelayerRole, bridge.Relayer.Address));
            Assert.True(await HasRoleAsync(rpc, vault, AttesterRole, bridge.Attester.Address));
            Assert.False(await HasRoleAsync(rpc, vault, RelayerRole, bridge.Holder.Address));
            Assert.Equal(1000 * Stos, await rpc.QueryAsync<BigInteger>(vault, new TotalFundedFunction()));
        }
        var code = await bridge.StratosRpc.RequestAsync<string>("eth_getCode", [StratosSystemContract.Address.ToLowerHex(), "latest"]);
        Assert.True(code.Length > 2);

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

        var lockedLog = Assert.Single(receipt.Logs, l => l.IsEvent<LockedEvent>(EthereumVault));
        var locked = lockedLog.DecodeEvent<LockedEvent>(EthereumVault);
        Assert.Equal(bridge.Holder.Address, EthAddress.Parse(locked.Sender));
        Assert.Equal(recipient, EthAddress.Parse(locked.Recipient));
        Assert.Equal(amount, locked.Amount);
        Assert.Equal(new BigInteger(2048), locked.DestChainId);
        await AssertAnotherEmitterIsIgnoredAsync<LockedEvent>(bridge.Ethereum, holder, lockedLog, EthereumVault);

        var release = new VaultRelease(1, EthereumVault, locked.Nonce, recipient, amount); // the release of this very lock
        var signature = StosVaultContract.SignRelease(bridge.Attester, 2048, StratosVault, release);
        var relayer = On(bridge.StratosRpc, bridge.Relayer, 2048);
        var released = await relayer.SendAsync(StratosVault, StosVaultContract.EncodeRelease(release, [signature]), binding: StosVaultContract.Binding);

        var releasedLog = Assert.Single(released.Logs, l => l.IsEvent<ReleasedEvent>(StratosVault));
        var decoded = releasedLog.DecodeEvent<ReleasedEvent>(StratosVault);
        Assert.Equal(release.Id, decoded.SourceEventId);
        Assert.Equal(recipient, EthAddress.Parse(decoded.Recipient));
        Assert.Equal(amount, decoded.Amount);
        Assert.Equal(amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
        Assert.True(await bridge.StratosRpc.QueryAsync<bool>(StratosVault, new UsedSourceEventsFunction { SourceEventId = release.Id }));
        await AssertAnotherEmitterIsIgnoredAsync<ReleasedEvent>(bridge.Stratos, relayer, releasedLog, StratosVault);

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

        var skipped = Assert.Single(receipt.Logs, l => l.IsEvent<ReleaseSkippedEvent>(StratosVault));
        Assert.Equal(first.Id, skipped.DecodeEvent<ReleaseSkippedEvent>(StratosVault).SourceEventId);
        var released = Assert.Single(receipt.Logs, l => l.IsEvent<ReleasedEvent>(StratosVault)).DecodeEvent<ReleasedEvent>(StratosVault);
        Assert.Equal(second.Id, released.SourceEventId);
        Assert.DoesNotContain(receipt.Logs, l => l.IsEvent<ReleaseConflictEvent>(StratosVault));

        // the same id again with another amount: a conflict, never a skip counted as done
        var other = first with { Amount = first.Amount + 1 };
        var conflictReceipt = await relayer.SendAsync(StratosVault, StosVaultContract.EncodeReleaseBatch([other], [[Sign(other)]]),
            binding: StosVaultContract.Binding);
        var conflict = Assert.Single(conflictReceipt.Logs, l => l.IsEvent<ReleaseConflictEvent>(StratosVault))
            .DecodeEvent<ReleaseConflictEvent>(StratosVault);
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

        var used = await bridge.EthereumRpc.QueryAsync<BigInteger>(EthereumVault, new DailyCapFunction())
                   - await bridge.EthereumRpc.QueryAsync<BigInteger>(EthereumVault, new AvailableOutflowFunction());
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
        var locked = Assert.Single(receipt.Logs, l => l.IsEvent<LockedEvent>(StratosVault)).DecodeEvent<LockedEvent>(StratosVault);
        Assert.Equal(BigInteger.One, locked.DestChainId);
        Assert.Equal(ethereumRecipient, EthAddress.Parse(locked.Recipient));
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
        var paidLog = Assert.Single(paid.Logs);
        var decoded = paidLog.DecodeEvent<OzonePaymentsContract.OzonePaidEvent>(payments);
        Assert.Equal(quoteId, decoded.QuoteId);
        Assert.Equal(bridge.Holder.Address, EthAddress.Parse(decoded.Payer));
        Assert.Equal(beneficiary, EthAddress.Parse(decoded.Beneficiary));
        Assert.Equal(Stos / 100, decoded.Amount);
        await AssertAnotherEmitterIsIgnoredAsync<OzonePaymentsContract.OzonePaidEvent>(bridge.Ethereum, payer, paidLog, payments);
        Assert.Equal(before + Stos / 100, await bridge.NativeBalanceAsync(bridge.EthereumRpc, treasury));

        var zero = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            payer.SendAsync(payments, OzonePaymentsContract.EncodePay(quoteId, EthAddress.Zero), Stos, OzonePaymentsContract.Binding));
        Assert.Equal("ZeroBeneficiary", zero.ErrorName);
    }

    [Fact]
    public async Task A_prepay_through_the_system_contract_emits_a_decodable_MsgExecuted()
    {
        var payer = On(bridge.StratosRpc, bridge.Holder, 2048);
        var beneficiary = EthKey.Generate().Address;
        var receipt = await payer.SendAsync(StratosSystemContract.Address,
            StratosSystemContract.EncodeRunMsg(StratosPrepay.EncodeAny(bridge.Holder.Address, beneficiary, Stos)), binding: StratosSystemContract.Binding);

        var log = Assert.Single(receipt.Logs, l => l.IsEvent<StratosSystemContract.MsgExecutedEvent>(StratosSystemContract.Address));
        var executed = log.DecodeEvent<StratosSystemContract.MsgExecutedEvent>(StratosSystemContract.Address);
        Assert.Equal(bridge.Holder.Address, EthAddress.Parse(executed.Signer));
        Assert.True(executed.IsType(StratosSystemContract.MsgPrepayTypeUrl));
        Assert.False(executed.IsType("/cosmos.bank.v1beta1.MsgSend"));
        await AssertAnotherEmitterIsIgnoredAsync<StratosSystemContract.MsgExecutedEvent>(bridge.Stratos, payer, log, StratosSystemContract.Address);

        // a message type the chain does not run through the SystemContract: an Any { type_url } the stand-in refuses by its name
        var typeUrl = "/cosmos.bank.v1beta1.MsgSend"u8.ToArray();
        var refused = await Assert.ThrowsAsync<ContractRevertedException>(() => payer.SendAsync(StratosSystemContract.Address,
            StratosSystemContract.EncodeRunMsg([0x0a, (byte)typeUrl.Length, .. typeUrl]), binding: StratosSystemContract.Binding));
        Assert.Equal("NotAllowedTypeUrl", refused.ErrorName);
        Assert.Equal("NotAllowedTypeUrl(\"/cosmos.bank.v1beta1.MsgSend\")", refused.Reason.ToString());
    }

    [Fact]
    public async Task The_tokens_and_the_timelocks_custom_errors_are_named_from_real_reverts()
    {
        var holder = On(bridge.EthereumRpc, bridge.Holder, 1);
        var token = bridge.EthereumDeployment.StosToken!.Value;
        var balance = await bridge.EthereumRpc.QueryAsync<BigInteger>(token, new Erc20Contract.BalanceOfFunction { Account = bridge.Holder.Address.ToLowerHex() });
        var tooMuch = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            holder.SendAsync(token, Erc20Contract.EncodeTransfer(EthKey.Generate().Address, balance + 1), binding: Erc20Contract.Binding));
        Assert.Equal("ERC20InsufficientBalance", tooMuch.ErrorName);
        Assert.Equal(new object?[] { bridge.Holder.Address.ToString(), balance, balance + 1 }, tooMuch.Reason.Arguments);

        // only the deployer proposes: anyone else is refused by AccessControl, an error the timelock shares with the vaults
        var timelock = bridge.EthereumDeployment.Timelock;
        var notProposer = await Assert.ThrowsAsync<ContractRevertedException>(() => holder.SendAsync(timelock,
            BridgeTimelockContract.EncodeSchedule(EthereumVault, new PauseFunction().GetCallData(), new byte[32], 3600), binding: BridgeTimelockContract.Binding));
        Assert.Equal("AccessControlUnauthorizedAccount", notProposer.ErrorName);
        Assert.Contains("AccessControlUnauthorizedAccount(" + bridge.Holder.Address, notProposer.Reason.ToString(), StringComparison.Ordinal);
        var unscheduled = await Assert.ThrowsAsync<ContractRevertedException>(() => On(bridge.EthereumRpc, bridge.Settings.Deployer, 1).SendAsync(timelock,
            BridgeTimelockContract.EncodeExecute(EthereumVault, new PauseFunction().GetCallData(), RandomNumberGenerator.GetBytes(32)),
            binding: BridgeTimelockContract.Binding));
        Assert.Equal("TimelockUnexpectedOperationState", unscheduled.ErrorName);
    }

    /// <summary>
    /// Our use of Nethereum's EIP-712 encoder: the digests of the Release, Cancel and Refund attestations we sign equal what
    /// the vault itself computes (<c>hashRelease</c>, <c>hashCancel</c>, <c>hashRefund</c>) for generated values, including
    /// the ends of each field's range (signatures over them are accepted by the vault in the release tests above).
    /// </summary>
    [Fact]
    public async Task Attestation_digests_equal_the_vaults_own_hashes()
    {
        var stratos = bridge.StratosRpc;
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
            var vaultHash = await stratos.QueryAsync<byte[]>(StratosVault, new HashReleaseFunction { R = ReleaseAttestation.Of(release) });
            Assert.Equal(Hex.Encode(vaultHash), Hex.Encode(VaultAttestations.Hash(2048, StratosVault, ReleaseAttestation.Of(release))));

            var nonce = Nonce(i);
            var cancelHash = await stratos.QueryAsync<byte[]>(StratosVault, new HashCancelFunction { LockNonce = nonce });
            Assert.Equal(Hex.Encode(cancelHash), Hex.Encode(VaultAttestations.Hash(2048, StratosVault,
                new CancelAttestation { SrcChainId = 1, SrcVault = EthereumVault.ToLowerHex(), Nonce = nonce })));

            var (sender, amount) = (AnyAddress(), Amount(i));
            var refundHash = await stratos.QueryAsync<byte[]>(StratosVault,
                new HashRefundFunction { LockNonce = nonce, Sender = sender.ToLowerHex(), Amount = amount });
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

    private static Task<bool> HasRoleAsync(EvmRpcClient rpc, EthAddress vault, byte[] role, EthAddress account) =>
        rpc.QueryAsync<bool>(vault, new HasRoleFunction { Role = role, Account = account.ToLowerHex() });

    /// <summary>A random lock nonce of the peer vault, far above the nonces real locks in these tests use.</summary>
    private static ulong AnyNonce() => (BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 1) | (1UL << 40);

    /// <summary>
    /// Emits <paramref name="log"/>'s topics and data again from a contract at a fresh address (installed with
    /// <c>anvil_setCode</c>): the copy decodes as <typeparamref name="TEvent"/> of its own emitter, and is not the event of
    /// <paramref name="emitter"/>.
    /// </summary>
    private static async Task AssertAnotherEmitterIsIgnoredAsync<TEvent>(AnvilNode node, EvmDirectSubmitter sender, FilterLog log, EthAddress emitter)
        where TEvent : Nethereum.ABI.FunctionEncoding.Attributes.IEventDTO, new()
    {
        var other = EthKey.Generate().Address;
        await node.RpcAsync("anvil_setCode", other.ToLowerHex(), Hex.Encode(LogEmitterCode(log.Topics.Length)));
        var receipt = await sender.SendAsync(other, [.. log.Topics.Cast<string>().SelectMany(Hex.Decode), .. Hex.Decode(log.Data)], gasLimit: 200_000);
        var copy = Assert.Single(receipt.Logs);
        Assert.Equal(log.Topics, copy.Topics);
        Assert.Equal(log.Data, copy.Data);
        Assert.True(copy.IsEvent<TEvent>(other));
        Assert.Equal(Values(log.DecodeEvent<TEvent>(emitter)), Values(copy.DecodeEvent<TEvent>(other)));
        Assert.False(copy.IsEvent<TEvent>(emitter));
        Assert.Throws<FormatException>(() => copy.DecodeEvent<TEvent>(emitter));
    }

    private static string Values(object dto) => string.Join(", ", dto.GetType().GetProperties()
        .Select(p => p.GetValue(dto) is byte[] bytes ? Hex.Encode(bytes) : Convert.ToString(p.GetValue(dto), System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// Runtime code that emits LOG<paramref name="topics"/> with the first calldata words as its topics and the rest as its
    /// data: size = CALLDATASIZE − 32n; CALLDATACOPY(0, 32n, size); LOGn(0, size, word 0, …, word n−1); STOP.
    /// </summary>
    private static byte[] LogEmitterCode(int topics)
    {
        var head = (byte)(32 * topics);
        var code = new List<byte> { 0x60, head, 0x36, 0x03, 0x80, 0x60, head, 0x60, 0x00, 0x37 };
        for (var i = topics - 1; i >= 0; i--)
        {
            code.AddRange([0x60, (byte)(32 * i), 0x35]); // CALLDATALOAD(32 i): topic0 ends on top
        }
        code.AddRange([(byte)(0x80 + topics), 0x60, 0x00, (byte)(0xa0 + topics), 0x00]); // DUP(n+1) size, PUSH1 0, LOGn, STOP
        return [.. code];
    }
}
