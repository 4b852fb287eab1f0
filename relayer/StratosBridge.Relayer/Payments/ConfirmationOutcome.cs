namespace StratosBridge.Relayer.Payments;

/// <summary>
/// What a payment's confirm endpoints said (<see cref="PaymentConfirmation"/>): <see cref="Agreeing"/> of the
/// <see cref="Asked"/> endpoints agree, <see cref="Quorum"/> must; <see cref="Summary"/> says what each answered, by host.
/// </summary>
public sealed record ConfirmationOutcome(int Agreeing, int Quorum, int Asked, string Summary)
{
    /// <summary>A payment that needs no confirmation: its chain has no confirm endpoints, or it is no EVM payment.</summary>
    public static ConfirmationOutcome NotRequired { get; } = new(0, 0, 0, "no confirm endpoints configured");

    public bool Confirmed => Agreeing >= Quorum;

    /// <summary>The credit's reason to wait, as the API shows it.</summary>
    public string Reason => $"awaiting confirmation {Agreeing}/{Quorum} endpoints (of {Asked}): {Summary}";
}
