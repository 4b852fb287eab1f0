namespace StratosBridge.Api.Quotes;

/// <summary>An amount in base units (<see cref="BaseUnits"/>, e.g. wei) and as a plain decimal of whole units (<see cref="Value"/>).</summary>
public sealed record AmountView(string BaseUnits, string Unit, int Decimals, string Value);
