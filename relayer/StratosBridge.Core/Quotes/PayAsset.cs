namespace StratosBridge.Core.Quotes;

/// <summary>
/// What a quote is paid in, and where: ETH on the <c>ethereum</c> chain, BNB on <c>bsc</c>, SOL on <c>solana</c>, USD by
/// card. <see cref="PayAssets"/> has each one's chain and base unit.
/// </summary>
public enum PayAsset
{
    Eth,
    Bnb,
    Sol,
    Usd,
}
