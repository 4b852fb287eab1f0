using System.Numerics;
using System.Text;
using StratosBridge.Chains.Solana.Rpc;

namespace StratosBridge.Chains.Solana.Pay;

/// <summary>
/// Validates native SOL Solana Pay transfers the way @solana/pay 1.0.16's <c>validateTransfer</c> does, and finds the
/// transfers carrying a reference (<c>findReference</c>, then each one validated). The checks, in its order: the
/// transaction exists at the commitment; it has metadata and <c>meta.err</c> is null; its last instruction is a system
/// Transfer to the recipient; the transfer's accounts after source and destination are exactly the expected
/// references, in order; the recipient's balance rose (post − pre, at its index among the message's own keys) by at
/// least the amount; and, when a memo is expected, the instruction before the transfer is an SPL memo (v3) with exactly
/// that text.
/// </summary>
public sealed class SolanaTransferValidator(SolanaRpcClient rpc)
{
    private readonly SolanaRpcClient _rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));

    /// <summary>Reads the transaction (json encoding: every instruction's accounts) and validates it.</summary>
    public async Task<SolanaTransferValidation> ValidateAsync(SolanaSignature signature, SolanaTransferExpectation expected,
        SolanaCommitment commitment = SolanaCommitment.Finalized, CancellationToken ct = default)
    {
        var transaction = await _rpc.GetTransactionAsync(signature, commitment, SolanaTransactionEncoding.Json, ct);
        return Validate(signature, transaction, expected);
    }

    /// <summary>
    /// The oldest transaction that has <paramref name="reference"/> among its account keys at the commitment, as
    /// @solana/pay's findReference answers (null where it throws "not found"). Pages through every signature.
    /// </summary>
    public async Task<SolanaSignatureInfo?> FindReferenceAsync(SolanaPublicKey reference,
        SolanaCommitment commitment = SolanaCommitment.Finalized, CancellationToken ct = default)
    {
        SolanaSignatureInfo? oldest = null;
        await foreach (var info in _rpc.GetAllSignaturesForAddressAsync(reference, commitment, ct: ct))
        {
            oldest = info;
        }
        return oldest;
    }

    /// <summary>
    /// The payment for an expectation, found by its first reference: the first valid one of
    /// <see cref="FindTransfersAsync"/> (every transaction carrying that key, validated oldest first). Unlike
    /// findReference + validateTransfer on the oldest alone, a failed or bogus transaction that carries the reference
    /// first cannot hide a good payment. When none is valid: the oldest one's outcome, or not-found when there is none.
    /// </summary>
    public async Task<SolanaTransferValidation> FindPaymentAsync(SolanaTransferExpectation expected,
        SolanaCommitment commitment = SolanaCommitment.Finalized, CancellationToken ct = default)
    {
        var found = await FindTransfersAsync(expected, commitment, ct: ct);
        return found.Transfers.FirstOrDefault(t => t.IsValid) ?? found.Transfers.FirstOrDefault() ?? new SolanaTransferValidation
        {
            Reason = SolanaTransferInvalidReason.NotFound,
            Detail = $"no transaction carries the reference {found.Reference} at {commitment}",
        };
    }

    /// <summary>
    /// Every transaction that carries the expectation's first reference at the commitment, each validated against the
    /// whole expectation, oldest first (<see cref="SolanaReferenceTransfers.Valid"/>: the payments). A transaction whose
    /// signature entry already shows an error is judged <see cref="SolanaTransferInvalidReason.TransactionFailed"/>
    /// without reading it. For a caller that follows the reference over time: only signatures newer than
    /// <paramref name="until"/> are listed (pass the previous answer's <see cref="SolanaReferenceTransfers.Newest"/>),
    /// and those in <paramref name="skip"/> (judged before) are listed but not read.
    /// </summary>
    public async Task<SolanaReferenceTransfers> FindTransfersAsync(SolanaTransferExpectation expected,
        SolanaCommitment commitment = SolanaCommitment.Finalized, SolanaSignature? until = null,
        IReadOnlySet<SolanaSignature>? skip = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (expected.References is not [var reference, ..])
        {
            throw new ArgumentException("finding transfers needs a reference to look them up by", nameof(expected));
        }
        var listed = new List<SolanaSignatureInfo>(); // newest first
        await foreach (var info in _rpc.GetAllSignaturesForAddressAsync(reference, commitment, until, ct: ct))
        {
            listed.Add(info);
        }
        var transfers = new List<SolanaTransferValidation>();
        foreach (var info in Enumerable.Reverse(listed))
        {
            if (skip?.Contains(info.Signature) == true)
            {
                continue;
            }
            transfers.Add(info.Succeeded
                ? await ValidateAsync(info.Signature, expected, commitment, ct)
                : Invalid(info.Signature, SolanaTransferInvalidReason.TransactionFailed, $"the transaction failed: {info.Error}"));
        }
        return new SolanaReferenceTransfers(reference, transfers, listed.Count > 0 ? listed[0].Signature : until);
    }

    /// <summary>
    /// Validates a transaction read with the json encoding (null: not found). Throws <see cref="ArgumentException"/>
    /// for one read as jsonParsed, whose parsed transfer does not show the references.
    /// </summary>
    public static SolanaTransferValidation Validate(SolanaSignature signature, SolanaTransaction? transaction,
        SolanaTransferExpectation expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (transaction is null)
        {
            return Invalid(signature, SolanaTransferInvalidReason.NotFound, "no such transaction at this commitment");
        }
        if (transaction.Message.Instructions.Any(ix => ix.IsParsed))
        {
            throw new ArgumentException("validate a transaction read with the json encoding: a parsed transfer does not show its references",
                nameof(transaction));
        }
        var outcome = Check(transaction, expected, out var received);
        return outcome is { } invalid
            ? Invalid(signature, invalid.Reason, invalid.Detail) with { Transaction = transaction, ReceivedLamports = received }
            : new SolanaTransferValidation { Signature = signature, Transaction = transaction, ReceivedLamports = received };
    }

    private static (SolanaTransferInvalidReason Reason, string Detail)? Check(SolanaTransaction transaction,
        SolanaTransferExpectation expected, out BigInteger? received)
    {
        received = null;
        if (transaction.Meta is not { } meta)
        {
            return (SolanaTransferInvalidReason.MetaMissing, "the node has no status metadata for the transaction");
        }
        if (!meta.Succeeded)
        {
            return (SolanaTransferInvalidReason.TransactionFailed, $"the transaction failed: {meta.Error}");
        }
        if (transaction.Message.AccountKeys.Any(k => k.Source == SolanaAccountKeySource.LookupTable))
        {
            return (SolanaTransferInvalidReason.UnsupportedTransaction, "the transaction loads accounts from address lookup tables");
        }
        var instructions = transaction.Message.Instructions;
        if (instructions.Count == 0 || !SolanaSystemTransfer.TryRead(instructions[^1], out var transfer))
        {
            return (SolanaTransferInvalidReason.NotATransfer, "the last instruction is not a system program transfer");
        }
        if (transfer.Destination != expected.Recipient)
        {
            return (SolanaTransferInvalidReason.RecipientMismatch, $"the transfer goes to {transfer.Destination}, not {expected.Recipient}");
        }
        if (expected.References is { } references && !transfer.ExtraAccounts!.SequenceEqual(references))
        {
            return (SolanaTransferInvalidReason.ReferenceMissing,
                $"the transfer's extra accounts [{string.Join(", ", transfer.ExtraAccounts!)}] are not the references [{string.Join(", ", references)}]");
        }
        var index = transaction.Message.StaticAccountKeys.Select(k => k.PublicKey).ToList().IndexOf(expected.Recipient);
        if (index < 0)
        {
            return (SolanaTransferInvalidReason.RecipientMismatch, "the recipient is not among the transaction's own account keys");
        }
        if (index >= meta.PreBalances.Count || index >= meta.PostBalances.Count)
        {
            return (SolanaTransferInvalidReason.BalanceMissing, $"no pre/post balance for account index {index}");
        }
        received = (BigInteger)meta.PostBalances[index] - meta.PreBalances[index];
        if (received < expected.Lamports)
        {
            return (SolanaTransferInvalidReason.AmountTooLow, $"the recipient received {received} lamports, expected at least {expected.Lamports}");
        }
        if (expected.Memo is { } memo)
        {
            var memoInstruction = instructions.Count >= 2 ? instructions[^2] : null;
            if (memoInstruction?.ProgramId != SolanaPublicKey.MemoProgram)
            {
                return (SolanaTransferInvalidReason.MemoMismatch, "no SPL memo instruction right before the transfer");
            }
            var text = Encoding.UTF8.GetString(memoInstruction.Data ?? []);
            if (!string.Equals(text, memo, StringComparison.Ordinal))
            {
                return (SolanaTransferInvalidReason.MemoMismatch, $"the memo is '{text}', expected '{memo}'");
            }
        }
        return null;
    }

    private static SolanaTransferValidation Invalid(SolanaSignature signature, SolanaTransferInvalidReason reason, string detail) =>
        new() { Signature = signature, Reason = reason, Detail = detail };
}
