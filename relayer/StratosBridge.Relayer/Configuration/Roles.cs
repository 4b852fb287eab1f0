namespace StratosBridge.Relayer.Configuration;

/// <summary>
/// What this process does, from the <c>Roles</c> setting (comma-separated; default all three):
/// <c>api</c> (HTTP API and pages), <c>jobs</c> (relay workers and a Hangfire server), <c>watchers</c> (chain watchers).
/// </summary>
public sealed record Roles(bool Api, bool Jobs, bool Watchers)
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
        var unknown = names.Except(["api", "jobs", "watchers"]).ToList();
        if (unknown.Count > 0 || names.Count == 0)
        {
            throw new ConfigurationKeyException(Key,
                $"unknown role(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; use any of api, jobs, watchers");
        }
        return new Roles(names.Contains("api"), names.Contains("jobs"), names.Contains("watchers"));
    }

    public override string ToString() =>
        string.Join(",", new[] { Api ? "api" : null, Jobs ? "jobs" : null, Watchers ? "watchers" : null }.OfType<string>());
}
