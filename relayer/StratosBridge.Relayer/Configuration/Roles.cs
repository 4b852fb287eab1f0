namespace StratosBridge.Relayer.Configuration;

/// <summary>
/// What this process does, from the <c>Roles</c> setting (comma-separated; default the first three):
/// <c>api</c> (HTTP API and pages), <c>jobs</c> (relay workers and a Hangfire server), <c>watchers</c> (chain watchers), or
/// <c>attester</c> alone: an independent attester with its own key, nodes and database credentials (README "Attesters"),
/// never combined with a role that holds the relayer's key or writes the ledger's transfers.
/// </summary>
public sealed record Roles(bool Api, bool Jobs, bool Watchers, bool Attester = false)
{
    public const string Key = "Roles";

    public static readonly Roles All = new(true, true, true);

    public static Roles Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return All;
        }
        var names = value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).ToList();
        var unknown = names.Except(["api", "jobs", "watchers", "attester"]).ToList();
        if (unknown.Count > 0 || names.Count == 0)
        {
            throw new ConfigurationKeyException(Key,
                $"unknown role(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; use any of api, jobs, watchers, or attester alone");
        }
        if (names.Contains("attester") && names.Distinct().Count() > 1)
        {
            throw new ConfigurationKeyException(Key, "the attester role runs alone, as its own process with its own key, nodes and database credentials");
        }
        return new Roles(names.Contains("api"), names.Contains("jobs"), names.Contains("watchers"), names.Contains("attester"));
    }

    public override string ToString() =>
        string.Join(",", new[] { Api ? "api" : null, Jobs ? "jobs" : null, Watchers ? "watchers" : null, Attester ? "attester" : null }.OfType<string>());
}
