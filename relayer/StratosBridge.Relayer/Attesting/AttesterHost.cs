using Microsoft.Extensions.Hosting;

namespace StratosBridge.Relayer.Attesting;

/// <summary>
/// Runs the process's attesters: the one of the attester role, or the devnet's in-process ones (<c>Relay:InProcessAttesters</c>),
/// after <paramref name="guard"/> (the shortcut's check that it runs on a devnet; a refusal stops the process).
/// </summary>
public sealed class AttesterHost(IReadOnlyList<Attester> attesters, Func<CancellationToken, Task>? guard = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (guard is not null)
        {
            await guard(stoppingToken);
        }
        await Task.WhenAll(attesters.Select(a => a.RunAsync(stoppingToken)));
    }
}
