using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace StratosBridge.Relayer.Jobs;

/// <summary>
/// Hangfire's logging through this host's <see cref="ILoggerFactory"/>. Hangfire keeps its log provider process-wide;
/// when several hosts live in one process (tests) and the one whose factory it holds has been disposed, its loggers log
/// nothing instead of throwing.
/// </summary>
public sealed class JobsLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
