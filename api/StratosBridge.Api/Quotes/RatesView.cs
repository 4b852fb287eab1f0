namespace StratosBridge.Api.Quotes;

/// <summary>
/// The locked rates: USD per STOS and per unit of the pay asset (medians of the agreeing sources), the spread, and the
/// resulting price of one STOS in the pay asset (spread included; display only, the amount is computed exactly).
/// </summary>
public sealed record RatesView(string StosUsd, string AssetUsd, string SpreadPercent, string AssetPerStos);
