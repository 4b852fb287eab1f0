namespace StratosBridge.Core.Background;

/// <summary>
/// A hint that work may be waiting (<see cref="Wake"/>), for a <see cref="BackgroundLoop"/> that would otherwise sleep
/// until its next poll. It counts wake-ups, so one that comes while a round runs is not lost: the loop notes
/// <see cref="Version"/> before the round and <see cref="WaitAsync"/> returns at once if it moved since. Wake-ups are
/// only hints: the poll goes on, and a lost one costs at most one interval.
/// </summary>
public sealed class WakeSignal
{
    private readonly Lock _gate = new();
    private long _version;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many wake-ups so far.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    public void Wake()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            _version++;
            woken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        woken.TrySetResult();
    }

    /// <summary>
    /// Waits until a wake-up after <paramref name="seen"/> (at once if there was one already) or for
    /// <paramref name="timeout"/>. True when woken. Cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<bool> WaitAsync(long seen, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        Task woken;
        lock (_gate)
        {
            if (_version != seen)
            {
                return true;
            }
            woken = _next.Task;
        }
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, time, timer.Token);
        var first = await Task.WhenAny(woken, delay);
        await timer.CancelAsync();
        ct.ThrowIfCancellationRequested();
        return first == woken;
    }
}
