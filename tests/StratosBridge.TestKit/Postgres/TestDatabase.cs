namespace StratosBridge.TestKit.Postgres;

/// <summary>A database of its own for one test, in the shared private cluster; dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresCluster _cluster;

    internal TestDatabase(PostgresCluster cluster, string name)
    {
        _cluster = cluster;
        Name = name;
    }

    public string Name { get; }

    public string ConnectionString => _cluster.ConnectionString(Name);

    public PostgresCluster Cluster => _cluster;

    public static async Task<TestDatabase> CreateAsync(string? hint = null) =>
        await (await PostgresCluster.Shared).CreateDatabaseAsync(hint);

    public async ValueTask DisposeAsync() => await _cluster.DropDatabaseAsync(Name);
}
