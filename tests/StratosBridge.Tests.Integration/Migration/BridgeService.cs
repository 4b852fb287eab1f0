using StratosBridge.Chains.Evm;
using Npgsql;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Hosting;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Migration;

/// <summary>
/// The real service process configured for a <see cref="DeployedBridgeFixture"/> (every chain it started, finality by
/// depth, the deployment file, anvil's relayer and attester keys, fast polling), and ledger probes for its tests.
/// </summary>
internal static class BridgeService
{
    public static async Task<(ChildProcess Process, TestDatabase Db)> StartAsync(DeployedBridgeFixture bridge, string name, int confirmations,
        TestDatabase? existing = null, int batchSize = 50, IReadOnlyDictionary<string, Uri>? rpcUrls = null,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var (process, _, db) = await StartWithUrlAsync(bridge, name, confirmations, existing, batchSize, rpcUrls, extra);
        return (process, db);
    }

    /// <summary>
    /// <c>Chains:{name}:Contracts:FromBlock</c> at each chain's current head, for a fresh ledger that should see only what
    /// follows. The class's chains are shared: a ledger scanning from genesis finds the earlier tests' locks again and relays
    /// them (as already released) before the test's own (seen: 460 of them ahead of a test's 30, past its progress window).
    /// </summary>
    public static async Task<Dictionary<string, string?>> FromHeadsAsync(DeployedBridgeFixture bridge)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (name, node) in bridge.Chains)
        {
            var head = Convert.ToInt64((await node.RpcAsync("eth_blockNumber")).GetString(), 16);
            settings[$"Chains:{name}:Contracts:FromBlock"] = head.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return settings;
    }

    /// <summary>As <see cref="StartAsync"/>, with more settings (<paramref name="extra"/>, keys with ':'), returning the service's URL too.</summary>
    public static async Task<(ChildProcess Process, Uri Url, TestDatabase Db)> StartWithUrlAsync(DeployedBridgeFixture bridge, string name,
        int confirmations, TestDatabase? existing = null, int batchSize = 50, IReadOnlyDictionary<string, Uri>? rpcUrls = null,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var db = existing ?? await TestDatabase.CreateAsync(name);
        var env = ServiceProcess.Environment(db.ConnectionString, "api,jobs,watchers", name);
        await AddChainsAsync(env, bridge, confirmations, rpcUrls);
        env["Relay__SignerKey"] = AnvilNode.DevKeys[1];
        env["Relay__AttesterKeys"] = AnvilNode.DevKeys[2];
        env["Relay__InProcessAttesters"] = "true"; // the one-process shortcut (its attester runs the same checks)
        env["Relay__PollInterval"] = "00:00:00.200";
        env["Watchers__PollInterval"] = "00:00:00.200";
        env["Relay__BatchSize"] = batchSize.ToString();
        env["Relay__ClaimLease"] = "00:00:05"; // a killed worker's claims free up quickly
        // A transient fault on a busy machine (an RPC call timing out) backs work off by the one rule; the production default
        // (5 s doubling to 10 min) would outlast a test's progress window after a few faults. Tests may set their own.
        env["Relay__Backoff"] = "00:00:00.500";
        env["Relay__MaxBackoff"] = "00:00:05";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var (process, url) = await ServiceProcess.StartAsync(name, env);
        return (process, url, db);
    }

    /// <summary>
    /// An attester process (<c>Roles=attester</c>) for the service's ledger: its own key and journal, its own nodes
    /// (<paramref name="rpcUrls"/>, default the fixture's), polling fast. Started again with the same journal, it remembers.
    /// </summary>
    public static async Task<ChildProcess> StartAttesterAsync(DeployedBridgeFixture bridge, TestDatabase db, string name, string key, string journal,
        int confirmations, IReadOnlyDictionary<string, Uri>? rpcUrls = null, TimeSpan? pollInterval = null)
    {
        var env = ServiceProcess.Environment(db.ConnectionString, "attester", name);
        await AddChainsAsync(env, bridge, confirmations, rpcUrls);
        env["Attester__Key"] = key;
        env["Attester__JournalFile"] = journal;
        env["Attester__PollInterval"] = (pollInterval ?? TimeSpan.FromMilliseconds(200)).ToString("c");
        env["Attester__RecheckAfter"] = "00:00:01";
        return (await ServiceProcess.StartAsync(name, env)).Process;
    }

    /// <summary>Every chain of the fixture (finality by depth, fast block time) and its deployment file.</summary>
    private static async Task AddChainsAsync(Dictionary<string, string?> env, DeployedBridgeFixture bridge, int confirmations,
        IReadOnlyDictionary<string, Uri>? rpcUrls)
    {
        var deployment = Path.Combine(Path.GetTempPath(), $"deployment-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(deployment, bridge.DeploymentJson);
        foreach (var (chain, node) in bridge.Chains)
        {
            env[$"Chains__{chain}__ChainId"] = node.ChainId.ToString();
            env[$"Chains__{chain}__RpcUrl"] = (rpcUrls?.GetValueOrDefault(chain) ?? node.RpcUrl).ToString();
            env[$"Chains__{chain}__BlockTime"] = "00:00:01";
            env[$"Chains__{chain}__Confirmations"] = confirmations.ToString();
        }
        env["Deployment__File"] = deployment;
    }

    public static async Task<string?> StatusAsync(TestDatabase db, string txHash)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT t.status FROM transfers t JOIN source_events e ON e.id = t.source_event_id WHERE e.tx_hash = @h", conn);
        cmd.Parameters.AddWithValue("h", txHash.ToLowerInvariant());
        return (string?)await cmd.ExecuteScalarAsync();
    }

    public static async Task<string[]> TimelineAsync(TestDatabase db, string txHash)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT l.status FROM timeline l JOIN transfers t ON t.id = l.subject_id AND l.subject = 'transfer'
              JOIN source_events e ON e.id = t.source_event_id WHERE e.tx_hash = @h ORDER BY l.id
            """, conn);
        cmd.Parameters.AddWithValue("h", txHash.ToLowerInvariant());
        var result = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }
        return result.ToArray();
    }

    /// <summary>The ledger's state, for a failure message.</summary>
    /// <summary>The recipients as an SQL list of quoted lower-case 0x addresses, for <c>recipient IN (…)</c>.</summary>
    public static string InList(IEnumerable<EthAddress> recipients) => string.Join(",", recipients.Select(r => $"'{r.ToLowerHex()}'"));

    /// <summary>
    /// Waits until the transfer to each of <paramref name="recipients"/> is completed, as long as releases keep completing:
    /// it fails when none completed for <paramref name="stall"/>. On timeout the message carries the ledger's state and,
    /// when given, the service's last output.
    /// </summary>
    public static async Task WaitForReleasesAsync(TestDatabase db, IEnumerable<EthAddress> recipients, TimeSpan stall, string what,
        ChildProcess? service = null)
    {
        var all = recipients.ToArray();
        var sql = $"SELECT count(*) FROM transfers WHERE status = 'completed' AND recipient IN ({InList(all)})";
        try
        {
            await Eventually.ProgressesToAsync(() => CountAsync(db, sql), all.Length, stall, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{await DescribeAsync(db)}\n{service?.OutputTail}", e);
        }
    }

    public static async Task<string> DescribeAsync(TestDatabase db)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT 'transfer ' || status || ' x' || count(*) || coalesce(' last error: ' || max(last_error), '') FROM transfers GROUP BY status
            UNION ALL SELECT 'event ' || status || ' x' || count(*) FROM source_events GROUP BY status
            UNION ALL SELECT 'tx ' || chain || ' ' || status || ' x' || count(*) || ' nonces ' || min(nonce) || '-' || max(nonce) FROM outgoing_txs GROUP BY chain, status
            UNION ALL SELECT 'checkpoint ' || chain || ' ' || max(block_number) FROM chain_checkpoints GROUP BY chain
            UNION ALL SELECT 'claimable ' || status || ' ' || source_chain || '→' || dest_chain || ' x' || count(*)
                             || ' claimed by ' || coalesce(max(claimed_by), '-') || ' until ' || coalesce(max(claimed_until - now())::text, '-')
                             || ', next attempt in ' || coalesce(max(next_attempt_at - now())::text, '-')
                        FROM transfers WHERE status IN ('finalized', 'delayed') GROUP BY status, source_chain, dest_chain
            UNION ALL SELECT 'pause in force ' || id || ' ' || scope || ' ' || coalesce(chain, '') || coalesce('→' || destination, '')
                             || ' (' || origin || ') ' || reason FROM pauses WHERE resumed_at IS NULL
            """, conn);
        var lines = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join("\n", lines);
    }

    public static async Task<long> CountAsync(TestDatabase db, string sql)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
