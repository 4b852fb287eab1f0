namespace StratosBridge.Api.Grants;

/// <summary>A campaign code: extra Ozone per claim (noz, GB), used <see cref="Uses"/> of <see cref="MaxUses"/> times, until <see cref="ExpiresAt"/>.</summary>
public sealed record GrantCodeView(string Code, string ExtraNoz, string? ExtraGb, int Uses, int MaxUses, DateTimeOffset ExpiresAt);
