using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;
using StratosBridge.Core.Background;

namespace StratosBridge.Ledger.Wakeups;

/// <summary>
/// Wakes this process's workers when work becomes due anywhere in the deployment. The ledger notifies channel
/// <see cref="Channel"/> with a table's name when a transaction puts rows of it into a state some worker acts on
/// (migration 0031: transfers finalized or delayed, payments final, credits ready, attestations published); this class
/// keeps one connection listening and wakes each <see cref="WakeSignal"/> subscribed to that table. The first
/// <see cref="Subscribe"/> starts the listener. Each time it starts listening (the first time, and after reconnecting with
/// back-off when the connection is lost) it wakes every subscriber once: what was notified before it listened is not
/// known. Wake-ups are hints: the workers still poll.
/// </summary>
public sealed class LedgerWakeups(NpgsqlDataSource database, ILogger<LedgerWakeups> logger) : IAsyncDisposable
{
    public const string Channel = "stratosbridge_work";

    /// <summary>The tables whose changes wake workers (the payloads of <see cref="Channel"/>).</summary>
    public static class Tables
    {
        public const string Transfers = "transfers";
        public const string Payments = "payments";
        public const string Credits = "credits";
        public const string Attestations = "attestations";
    }

    private readonly ConcurrentBag<(string[] Tables, WakeSignal Signal)> _subscribers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _listening;

    /// <summary>Waits (with a deadline) until the listener is listening; for tests and start-up checks.</summary>
    public TaskCompletionSource Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A signal woken whenever one of <paramref name="tables"/> gets work (and after a reconnect).</summary>
    public WakeSignal Subscribe(params string[] tables)
    {
        ArgumentOutOfRangeException.ThrowIfZero(tables.Length);
        var signal = new WakeSignal();
        _subscribers.Add((tables, signal));
        lock (_gate)
        {
            _listening ??= Task.Run(() => ListenAsync(_stopping.Token));
        }
        return signal;
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var failures = 0;
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(ct);
                connection.Notification += (_, e) => Wake(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }
                if (failures > 0)
                {
                    logger.LogInformation("Listening for ledger wake-ups again after {Failures} failure(s)", failures);
                }
                WakeAll(); // what was notified before anyone listened (a round that ran before LISTEN, a lost connection)
                failures = 0;
                Listening.TrySetResult();
                while (!ct.IsCancellationRequested)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var delay = backoff.After(failures - 1, Random.Shared.NextDouble());
                logger.Log(failures == 1 ? LogLevel.Warning : LogLevel.Debug,
                    "Ledger wake-ups: the listening connection failed ({Failures} in a row), reconnecting in {RetryInMs} ms; the workers poll meanwhile: {Error}",
                    failures, (long)delay.TotalMilliseconds, e.Message);
                try
                {
                    await Task.Delay(delay, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Wake(string table)
    {
        foreach (var (tables, signal) in _subscribers)
        {
            if (Array.IndexOf(tables, table) >= 0)
            {
                signal.Wake();
            }
        }
    }

    private void WakeAll()
    {
        foreach (var (_, signal) in _subscribers)
        {
            signal.Wake();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_listening is { } listening)
        {
            await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _stopping.Dispose();
    }
}
