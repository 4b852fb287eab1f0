namespace StratosBridge.Ledger.Migrations;

/// <summary>A migration could not be applied; the whole run was rolled back and the schema is unchanged.</summary>
public sealed class MigrationFailedException(string version, Exception inner)
    : Exception($"Ledger migration {version} failed and nothing was applied: {inner.Message}", inner)
{
    public string Version { get; } = version;
}
