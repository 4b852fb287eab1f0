namespace StratosBridge.Core.Quotes;

/// <summary>
/// Where a quote is, computed when it is read: <c>open</c> until it expires, then <c>expired</c>. (Payments and credits
/// add their own states in later issues.)
/// </summary>
public enum QuoteStatus
{
    Open,
    Expired,
}
