using Microsoft.Extensions.Logging;

namespace StratosBridge.Relayer.Watchers;

/// <summary>
/// Says where a watched chain is, at Information, when the watcher first sees it and then at most once per
/// <see cref="WatcherOptions.HeadLogInterval"/>: an idle service's log shows that the chains move without a line per poll.
/// One per chain loop (it holds that loop's state).
/// </summary>
internal sealed class HeadReport(ILogger logger, string chain, TimeSpan interval)
{
    private long? _lastAt;

    public void Seen(long head, long? finalized)
    {
        var now = Environment.TickCount64;
        if (_lastAt is { } last && now - last < (long)interval.TotalMilliseconds)
        {
            return;
        }
        _lastAt = now;
        logger.LogInformation("{Chain}: head {Head}, finalized {Finalized}", chain, head,
            finalized is { } f ? f.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(no finalized tag)");
    }
}
