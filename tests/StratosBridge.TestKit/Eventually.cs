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
}
