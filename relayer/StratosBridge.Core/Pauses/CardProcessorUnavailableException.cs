namespace StratosBridge.Core.Pauses;

/// <summary>The card processor could not be asked now (no answer, or an error answer): <see cref="IPaidCheckouts"/> has no account to give.</summary>
public sealed class CardProcessorUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
