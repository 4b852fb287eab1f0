namespace StratosBridge.Api.Grants;

/// <summary>One UTC day of a program: claims accepted and the STOS wei they reserved.</summary>
public sealed record GrantDayView(DateOnly Day, int Claims, string ReservedWei);
