namespace StratosBridge.Core.Payments;

/// <summary>
/// Where a credit (an Ozone prepay owed to a beneficiary) is: <c>ready → submitted → completed</c>, or <c>failed</c> (refused for
/// good), or <c>needs-operator</c>: its prepay succeeded without a <c>MsgExecuted</c> we recognise, or another transaction took
/// its nonce, and only a person may decide whether to prepay again; or <c>cancelled</c>: the card payment it was owed for was
/// refunded before its prepay was signed, so nothing is owed.
/// </summary>
public enum CreditStatus
{
    Ready,
    Submitted,
    Completed,
    Failed,
    NeedsOperator,
    Cancelled,
}
