using System.Text.Json;
using StratosBridge.Chains.Solana;
using StratosBridge.Chains.Solana.Pay;
using StratosBridge.Pricing.Payments;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Solana;

namespace StratosBridge.Tests.Integration.Solana;

/// <summary>
/// Real transactions through the devnet — built and signed by @solana/kit the way @solana/pay lays out a transfer —
/// validated by our <see cref="SolanaTransferValidator"/> and by @solana/pay 1.0.16's own validateTransfer and
/// findReference (ops/tools/scripts/solana-pay-check.mjs) against the same node: both must agree on every case, and
/// each case must end the way it should.
/// </summary>
[Collection(SolanaDevnetFixture.Collection)]
public sealed class SolanaPayCrossCheckTests(SolanaDevnetFixture fixture)
{
    private const ulong Price = 250_000_000; // 0.25 SOL

    [Fact]
    public async Task Our_validation_agrees_with_solana_pay_on_every_case()
    {
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(18);
        var (payer, poor, recipient, stranger) = (keys[0], keys[1], keys[2].Address, keys[3].Address);
        var r = keys.Skip(4).Select(k => k.Address).ToArray(); // one fresh reference per case
        await fixture.Node.AirdropAsync(payer.Address, 10_000_000_000);
        await fixture.Node.AirdropAsync(poor.Address, 10_000_000); // pays fees, not 0.25 SOL

        // (case, transfer sent, what the quote expects, the outcome it must get)
        var cases = new (string Name, SolanaTestTransfer Sent, Expected Expected, string? Code)[]
        {
            ("good payment", new(payer, recipient, Price) { References = [r[0]] }, new(recipient, Price, [r[0]]), null),
            ("good payment with memo", new(payer, recipient, Price) { References = [r[1]], Memo = "quote-1" },
                new(recipient, Price, [r[1]], "quote-1"), null),
            ("good payment, two references", new(payer, recipient, Price) { References = [r[2], r[3]] },
                new(recipient, Price, [r[2], r[3]]), null),
            ("good v0 payment", new(payer, recipient, Price) { References = [r[4]], Versioned = true }, new(recipient, Price, [r[4]]), null),
            ("over-payment", new(payer, recipient, Price * 2) { References = [r[5]] }, new(recipient, Price, [r[5]]), null),
            ("payment without the reference", new(payer, recipient, Price + 1), new(recipient, Price, [r[6]]), "reference-missing"),
            ("references in the wrong order", new(payer, recipient, Price) { References = [r[8], r[7]] },
                new(recipient, Price, [r[7], r[8]]), "reference-missing"),
            ("failed transaction", new(poor, recipient, 5_000_000_000) { References = [r[9]], SkipPreflight = true },
                new(recipient, Price, [r[9]]), "transaction-failed"),
            ("payment to another recipient", new(payer, stranger, Price) { References = [r[10]] }, new(recipient, Price, [r[10]]),
                "recipient-mismatch"),
            ("under-payment by one lamport", new(payer, recipient, Price - 1) { References = [r[11]] }, new(recipient, Price, [r[11]]),
                "amount-too-low"),
            ("another memo", new(payer, recipient, Price) { References = [r[12]], Memo = "quote-2" },
                new(recipient, Price, [r[12]], "quote-1"), "memo-mismatch"),
            ("memo after the transfer", new(payer, recipient, Price) { References = [r[13]], Memo = "quote-1", MemoAfterTransfer = true },
                new(recipient, Price, [r[13]], "quote-1"), "not-a-transfer"),
        };
        var sent = await fixture.Node.SendTransfersAsync(cases.Select(c => c.Sent).ToArray());
        Assert.All(sent, s => Assert.True(s.Accepted, s.ErrorMessage));
        foreach (var s in sent)
        {
            await fixture.Node.WaitForTransactionAsync(s.Signature);
        }
        var all = cases.Select((c, i) => (c.Name, Signature: sent[i].Signature, c.Expected, c.Code))
            .Append((Name: "unknown signature", Signature: UnknownSignature, Expected: new Expected(recipient, Price, [r[0]]), Code: "not-found"))
            .ToArray();

        var validator = new SolanaTransferValidator(fixture.Client);
        var ours = new List<SolanaTransferValidation>();
        foreach (var c in all)
        {
            ours.Add(await validator.ValidateAsync(SolanaSignature.Parse(c.Signature), c.Expected.ToExpectation()));
        }
        var theirs = (await NodeScript.RunAsync("solana-pay-check.mjs", new
        {
            rpcUrl = fixture.Node.RpcUrl.ToString(),
            commitment = "finalized",
            validate = all.Select(c => new
            {
                id = c.Name,
                signature = c.Signature,
                recipient = c.Expected.Recipient,
                amount = SolanaPayUri.Sol(c.Expected.Lamports),
                reference = c.Expected.References,
                memo = c.Expected.Memo,
            }),
        })).GetProperty("validate").EnumerateArray().ToArray();

        var problems = new List<string>();
        for (var i = 0; i < all.Length; i++)
        {
            var theirValid = theirs[i].GetProperty("valid").GetBoolean();
            var theirError = theirs[i].GetProperty("error").GetString();
            if (ours[i].Code != all[i].Code)
            {
                problems.Add($"{all[i].Name}: ours {ours[i].Code ?? "valid"} ({ours[i].Detail}), expected {all[i].Code ?? "valid"}");
            }
            if (ours[i].IsValid != theirValid)
            {
                problems.Add($"{all[i].Name}: ours {ours[i].Code ?? "valid"}, @solana/pay {(theirValid ? "valid" : theirError)}");
            }
            else if (!theirValid && !SolanaPaySays(all[i].Code!, theirError!))
            {
                problems.Add($"{all[i].Name}: @solana/pay refused it for another reason: {theirError}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(Price * 2, (ulong)ours[4].ReceivedLamports!.Value);
        Assert.Equal(Price - 1, (ulong)ours[9].ReceivedLamports!.Value);
    }

    [Fact]
    public async Task A_payment_is_found_by_its_reference_even_behind_a_failed_transaction()
    {
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(5);
        var (payer, poor, recipient, reference, unused) = (keys[0], keys[1], keys[2].Address, keys[3].Address, keys[4].Address);
        await fixture.Node.AirdropAsync(payer.Address, 2_000_000_000);
        await fixture.Node.AirdropAsync(poor.Address, 10_000_000);
        // First a failed transaction carrying the reference, then the real payment.
        var sent = await fixture.Node.SendTransfersAsync(
        [
            new SolanaTestTransfer(poor, recipient, 5_000_000_000) { References = [reference], SkipPreflight = true },
            new SolanaTestTransfer(payer, recipient, Price) { References = [reference] },
        ]);
        await fixture.Node.WaitForTransactionAsync(sent[1].Signature);
        var validator = new SolanaTransferValidator(fixture.Client);
        var expected = new SolanaTransferExpectation(SolanaPublicKey.Parse(recipient), Price) { References = [SolanaPublicKey.Parse(reference)] };

        var oldest = await validator.FindReferenceAsync(SolanaPublicKey.Parse(reference));
        var none = await validator.FindReferenceAsync(SolanaPublicKey.Parse(unused));
        var payment = await validator.FindPaymentAsync(expected);
        var missing = await validator.FindPaymentAsync(expected with { References = [SolanaPublicKey.Parse(unused)] });
        var all = await validator.FindTransfersAsync(expected);
        var newer = await validator.FindTransfersAsync(expected, until: all.Newest);
        var unjudged = await validator.FindTransfersAsync(expected, skip: new HashSet<SolanaSignature> { SolanaSignature.Parse(sent[0].Signature) });
        var theirs = (await NodeScript.RunAsync("solana-pay-check.mjs", new
        {
            rpcUrl = fixture.Node.RpcUrl.ToString(),
            findReference = new[] { new { id = "used", reference }, new { id = "unused", reference = unused } },
        })).GetProperty("findReference");

        // findReference answers the oldest transaction — here the failed one — on both sides…
        Assert.Equal(sent[0].Signature, oldest?.Signature.ToString());
        Assert.Equal(sent[0].Signature, theirs[0].GetProperty("signature").GetString());
        Assert.False(oldest!.Succeeded);
        Assert.Null(none);
        Assert.Equal("FindReferenceError: not found", theirs[1].GetProperty("error").GetString());
        // …while the payment lookup validates each one, oldest first, and finds the payment behind it.
        Assert.True(payment.IsValid, payment.Detail);
        Assert.Equal(sent[1].Signature, payment.Signature.ToString());
        Assert.Equal(("not-found", (SolanaSignature?)null), (missing.Code, missing.Signature));
        // Every transfer carrying the reference, oldest first, each judged; then only newer ones, or only the unjudged ones.
        Assert.Equal([(sent[0].Signature, "transaction-failed"), (sent[1].Signature, null)],
            all.Transfers.Select(t => (t.Signature.ToString()!, t.Code)).ToArray());
        Assert.Equal(sent[1].Signature, Assert.Single(all.Valid).Signature.ToString());
        Assert.Equal(sent[1].Signature, all.Newest.ToString());
        Assert.Equal((0, all.Newest), (newer.Transfers.Count, newer.Newest));
        Assert.Equal(sent[1].Signature, Assert.Single(unjudged.Transfers).Signature.ToString());
    }

    private const string UnknownSignature = "5h6xBEauJ3PK6SWCZ1PGjBvj8vDdWG3KpwATGy1ARAXFSDwt8GFXM7W5Ncn16wmqokgpiKRLuS83KUxyZyv2sUYv";

    /// <summary>@solana/pay's messages (ValidateTransferError) for each of our codes.</summary>
    private static bool SolanaPaySays(string code, string error) => code switch
    {
        "not-found" => error == "ValidateTransferError: not found",
        "reference-missing" => error == "ValidateTransferError: invalid references" || error.StartsWith("ValidateTransferError: invalid reference ", StringComparison.Ordinal),
        "recipient-mismatch" or "not-a-transfer" => error == "ValidateTransferError: invalid transfer",
        "amount-too-low" => error == "ValidateTransferError: amount not transferred",
        "memo-mismatch" => error is "ValidateTransferError: invalid memo" or "ValidateTransferError: invalid memo program"
            or "ValidateTransferError: missing memo instruction",
        // @solana/pay 1.0.16 means to throw ValidateTransferError(JSON.stringify(meta.err)), but @solana/kit hands it the
        // error's numbers as bigints and JSON.stringify throws a TypeError instead: refused all the same.
        "transaction-failed" => error.StartsWith("ValidateTransferError: {", StringComparison.Ordinal)
            || error == "TypeError: Do not know how to serialize a BigInt",
        _ => false,
    };

    private sealed record Expected(string Recipient, ulong Lamports, string[] References, string? Memo = null)
    {
        public SolanaTransferExpectation ToExpectation() =>
            new(SolanaPublicKey.Parse(Recipient), Lamports) { References = References.Select(SolanaPublicKey.Parse).ToArray(), Memo = Memo };
    }
}
