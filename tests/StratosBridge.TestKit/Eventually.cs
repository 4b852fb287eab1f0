namespace StratosBridge.TestKit;

/// <summary>Polls a condition until it holds or a deadline passes; the failure names what was awaited.</summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan within,
        string what, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + within;
        var last = default(T);
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe();
                if (condition(last))
                {
                    return last;
                }
                lastError = null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lastError = e;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"Within {within.TotalSeconds:0.#} s, expected {what}; last value: {last}", lastError);
            }
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }
    }

    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string what, TimeSpan? every = null) =>
        HoldsAsync(condition, ok => ok, within, what, every);

    /// <summary>
    /// Polls a count until it reaches <paramref name="target"/>. The deadline moves with progress: it fails only when the
    /// count has not grown for <paramref name="stall"/>, so a long job on a busy machine passes as long as it keeps going.
    /// </summary>
    public static async Task<long> ProgressesToAsync(Func<Task<long>> count, long target, TimeSpan stall, string what,
        TimeSpan? every = null)
    {
        var best = long.MinValue;
        var progressAt = DateTime.UtcNow;
        while (true)
        {
            var now = await HoldsAsync(count, n => n >= target || n > best, stall - (DateTime.UtcNow - progressAt),
                $"{what} ({target}), to progress within {stall.TotalSeconds:0.#} s; best so far: {(best == long.MinValue ? "none" : best)}", every);
            if (now >= target)
            {
                return now;
            }
            best = now;
            progressAt = DateTime.UtcNow;
        }
    }
}
