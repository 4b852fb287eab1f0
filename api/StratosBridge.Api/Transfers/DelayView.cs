namespace StratosBridge.Api.Transfers;

/// <summary>
/// Why the governor holds a transfer back, and until when: <see cref="ReleaseAt"/> and <see cref="SecondsLeft"/> (the
/// countdown, 0 once due: the relay releases it within a round), both null while an operator holds it indefinitely
/// (<see cref="Held"/>).
/// </summary>
public sealed record DelayView(string Reason, DateTimeOffset? ReleaseAt, long? SecondsLeft, bool Held)
{
    public static DelayView Of(string reason, DateTimeOffset? until, DateTimeOffset now) =>
        new(reason, until?.ToUniversalTime(), until is { } u ? (long)Math.Max(0, Math.Ceiling((u - now).TotalSeconds)) : null, until is null);
}
