using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StratosBridge.Core.Telemetry;

namespace StratosBridge.Relayer.Metrics;

/// <summary>
/// A logging provider that counts the service's <c>ALARM</c> lines (warnings and errors whose message starts with
/// <c>ALARM</c>: the one way the service raises an alarm) in <see cref="BridgeMetrics.Alarms"/>, by kind: the short name of
/// the component that logged it (<c>ReleaseRelayWorker</c>, <c>TransferGovernor</c>, <c>VaultPairWatch</c>, …).
/// </summary>
public sealed class AlarmCounter : ILoggerProvider
{
    public const string Marker = "ALARM";

    public ILogger CreateLogger(string categoryName) => new Counting(categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Counting(string kind) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && formatter(state, exception).StartsWith(Marker, StringComparison.Ordinal))
            {
                BridgeMetrics.Alarms.Add(1, new TagList { { "kind", kind } });
            }
        }
    }
}
