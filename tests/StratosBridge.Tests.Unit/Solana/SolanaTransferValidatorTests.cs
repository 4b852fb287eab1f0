using System.Buffers.Binary;
using StratosBridge.Chains.Solana;
using StratosBridge.Chains.Solana.Pay;
using StratosBridge.Chains.Solana.Rpc;

namespace StratosBridge.Tests.Unit.Solana;

/// <summary>
/// The validation rules on transactions as the RPC layer hands them over, for the outcomes a devnet does not produce
/// (no metadata, lookup-table accounts, missing balances, malformed transfers). Real transactions: the integration
/// cross-check against @solana/pay.
/// </summary>
public sealed class SolanaTransferValidatorTests
{
    private static readonly SolanaPublicKey Payer = Key(1);
    private static readonly SolanaPublicKey Recipient = Key(2);
    private static readonly SolanaPublicKey Reference = Key(3);
    private static readonly SolanaSignature Signature = new(Enumerable.Repeat((byte)9, 64).ToArray());
    private static readonly SolanaTransferExpectation Expected = new(Recipient, 1000) { References = [Reference] };

    [Fact]
    public void A_transfer_with_its_reference_and_enough_lamports_is_valid()
    {
        var validation = SolanaTransferValidator.Validate(Signature, Transaction(), Expected);

        Assert.True(validation.IsValid, validation.Detail);
        Assert.Equal((Signature, (System.Numerics.BigInteger?)1000, (string?)null), (validation.Signature, validation.ReceivedLamports, validation.Code));
    }

    [Fact]
    public void Unexpected_shapes_have_their_own_reasons()
    {
        Assert.Equal("not-found", SolanaTransferValidator.Validate(Signature, null, Expected).Code);
        Assert.Equal("meta-missing", SolanaTransferValidator.Validate(Signature, Transaction() with { Meta = null }, Expected).Code);
        var lookup = Transaction();
        lookup = lookup with
        {
            Message = lookup.Message with
            {
                AccountKeys = [.. lookup.Message.AccountKeys, new SolanaAccountKey(Key(7), false, true, SolanaAccountKeySource.LookupTable)],
            },
        };
        Assert.Equal("unsupported-transaction", SolanaTransferValidator.Validate(Signature, lookup, Expected).Code);
        var shortBalances = Transaction();
        shortBalances = shortBalances with { Meta = shortBalances.Meta! with { PreBalances = [5000] } };
        Assert.Equal("balance-missing", SolanaTransferValidator.Validate(Signature, shortBalances, Expected).Code);
        var noInstructions = Transaction();
        noInstructions = noInstructions with { Message = noInstructions.Message with { Instructions = [] } };
        Assert.Equal("not-a-transfer", SolanaTransferValidator.Validate(Signature, noInstructions, Expected).Code);
    }

    [Theory]
    [InlineData(11, 2u, "not-a-transfer")] // the amount is cut short
    [InlineData(12, 3u, "not-a-transfer")] // CreateAccountWithSeed, not Transfer
    [InlineData(16, 2u, null)] // bytes after the amount are ignored, as @solana-program/system's decoder ignores them
    public void The_transfer_data_decides_what_the_instruction_is(int length, uint discriminator, string? code)
    {
        var full = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(full, discriminator);
        BinaryPrimitives.WriteUInt64LittleEndian(full.AsSpan(4), 1000);
        var data = full[..length];
        var transaction = Transaction();
        transaction = transaction with
        {
            Message = transaction.Message with { Instructions = [transaction.Message.Instructions[0] with { Data = data }] },
        };

        Assert.Equal(code, SolanaTransferValidator.Validate(Signature, transaction, Expected).Code);
    }

    [Fact]
    public void References_are_checked_only_when_expected_and_then_exactly()
    {
        Assert.True(SolanaTransferValidator.Validate(Signature, Transaction(), Expected with { References = null }).IsValid);
        Assert.Equal("reference-missing", SolanaTransferValidator.Validate(Signature, Transaction(), Expected with { References = [] }).Code);
        Assert.Equal("reference-missing",
            SolanaTransferValidator.Validate(Signature, Transaction(), Expected with { References = [Reference, Reference] }).Code);
        Assert.Equal("memo-mismatch", SolanaTransferValidator.Validate(Signature, Transaction(), Expected with { Memo = "" }).Code);
    }

    // A legacy transfer Payer → Recipient of 1000 lamports with Reference as the extra account; fee 5000.
    private static SolanaTransaction Transaction()
    {
        var data = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(data, 2);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(4), 1000);
        return new SolanaTransaction(7, null, "legacy", [Signature],
            new SolanaTransactionMessage(
                [
                    new(Payer, true, true, SolanaAccountKeySource.Transaction),
                    new(Recipient, false, true, SolanaAccountKeySource.Transaction),
                    new(Reference, false, false, SolanaAccountKeySource.Transaction),
                    new(SolanaPublicKey.SystemProgram, false, false, SolanaAccountKeySource.Transaction),
                ],
                "11111111111111111111111111111111",
                [new SolanaInstruction { ProgramId = SolanaPublicKey.SystemProgram, Accounts = [Payer, Recipient, Reference], Data = data }]),
            new SolanaTransactionMeta(null, 5000, [10_000, 0, 0, 1], [4000, 1000, 0, 1], [], [], 150));
    }

    private static SolanaPublicKey Key(byte b) => new(Enumerable.Repeat(b, 32).ToArray());
}
