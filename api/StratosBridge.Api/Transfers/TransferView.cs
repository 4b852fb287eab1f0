using StratosBridge.Api.Chains;
using StratosBridge.Api.Pauses;

namespace StratosBridge.Api.Transfers;

/// <summary>
/// A transfer as the API shows it. Addresses are EIP-55 0x strings, and <see cref="RecipientStratos"/> is the
/// recipient's bech32 <c>st1…</c> form (the same 20 bytes: the account on Stratos), <see cref="Amount"/> is base units as a string,
/// <see cref="Eta"/> the estimated time of source finality (null once final or when unknown), <see cref="LastError"/>
/// only for a failed transfer or one backing off before a retry. <see cref="Attempts"/> counts the relay attempts that failed
/// (a refused or reverted release); after <c>Relay:AlarmAfterAttempts</c> of them each further failure is an <c>ALARM</c>.
/// <see cref="Pauses"/> are the pauses in force that hold it (its route, a chain of it, everything; empty once it is done):
/// each says who paused, since when and why.
/// <see cref="Delay"/> only for a <c>delayed</c> transfer: why the governor holds it back and when it is released.
/// </summary>
public sealed record TransferView(
    long Id,
    string State,
    TransferSourceView Source,
    TransferDestinationView Destination,
    string Sender,
    string Recipient,
    string RecipientStratos,
    string Amount,
    ConfirmationsView Confirmations,
    DateTimeOffset? Eta,
    string? LastError,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TimelineStepView> Timeline,
    IReadOnlyList<PauseView> Pauses,
    DelayView? Delay = null);
