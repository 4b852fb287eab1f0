using Microsoft.Extensions.Hosting;
using Npgsql;

namespace StratosBridge.Relayer.Jobs;

/// <summary>Installs Hangfire's schema as the host starts (<see cref="JobsRole.InstallAsync"/>), before any Hangfire server runs.</summary>
public sealed class JobStorageInstaller(NpgsqlDataSource database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => JobsRole.InstallAsync(database, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
