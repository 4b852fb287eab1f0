namespace StratosBridge.Api.Quotes;

/// <summary>Where the QR codes of the payment URI are served.</summary>
public sealed record QrLinks(string Png, string Svg);
