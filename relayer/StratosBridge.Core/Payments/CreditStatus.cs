namespace StratosBridge.Core.Payments;

/// <summary>Where a credit (an Ozone prepay owed to a beneficiary) is: <c>ready → submitted → completed</c>, or <c>failed</c> (parked).</summary>
public enum CreditStatus
{
    Ready,
    Submitted,
    Completed,
    Failed,
}
