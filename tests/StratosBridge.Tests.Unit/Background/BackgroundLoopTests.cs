using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StratosBridge.Core.Background;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Unit.Background;

public class BackgroundLoopTests
{
    [Fact]
    public async Task A_round_that_throws_is_logged_with_an_alarm_backed_off_and_the_loop_goes_on()
    {
        var log = new ListLogger();
        var loop = new BackgroundLoop("Test loop", TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), log)
        {
            IsExpected = e => e is TimeoutException,
        };
        var rounds = 0;
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(_ => Interlocked.Increment(ref rounds) switch
        {
            1 => throw new TimeoutException("the node is slow"),
            2 => Task.FromResult(LoopRound.Failed("nothing usable")),
            3 => throw new InvalidOperationException("a bug of ours"),
            _ => Task.FromResult(LoopRound.Idle),
        }, stop.Token);

        await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref rounds) >= 6), TimeSpan.FromSeconds(30), "the loop to go on after failures");
        Assert.False(running.IsCompleted);
        await stop.CancelAsync();
        await running; // ends quietly when stopped

        Assert.Contains(log.Lines, l => l.Level == LogLevel.Error && l.Message.StartsWith("ALARM Test loop failed unexpectedly", StringComparison.Ordinal)
                                        && l.Message.Contains("a bug of ours", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("the node is slow", StringComparison.Ordinal)
                                        && !l.Message.Contains("ALARM", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Debug && l.Message.Contains("nothing usable", StringComparison.Ordinal)); // the streak goes on
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("works again after 3", StringComparison.Ordinal));
    }

    private sealed class ListLogger : ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((logLevel, formatter(state, exception)));
    }
}
