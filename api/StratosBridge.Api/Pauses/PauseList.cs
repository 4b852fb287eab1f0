namespace StratosBridge.Api.Pauses;

/// <summary>The pauses in force and the latest resumed ones, newest first.</summary>
public sealed record PauseList(IReadOnlyList<PauseView> Pauses);
