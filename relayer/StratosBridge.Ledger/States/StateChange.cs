using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StratosBridge.Core.States;

namespace StratosBridge.Ledger.States;

/// <summary>
/// STAND-IN for the lead's foundation (issue 13 item 8) until it lands on main: the one guarded transition function.
/// <c>UPDATE table SET status = to, updated_at = now() [, set] WHERE status = ANY(from) AND (where) RETURNING id</c> plus a
/// timeline row per moved id, in one statement.
/// </summary>
public static partial class StateChange
{
    public static async Task<IReadOnlyList<long>> MoveAsync<TState>(DbContext db, StateMachine<TState> machine, TState[] from, TState to,
        FormattableString where, FormattableString? set, TransitionStep step, CancellationToken ct) where TState : struct, Enum
    {
        foreach (var f in from)
        {
            machine.Ensure(f, to);
        }
        var parameters = new List<NpgsqlParameter>();
        var whereSql = Render(where, parameters);
        var setSql = set is null ? "" : ", " + Render(set, parameters);
        var table = Table(machine.Subject);
        var since = machine.Subject == "transfer" ? ", state_since = now()" : "";
        parameters.Add(new NpgsqlParameter("to", machine.Wire(to)));
        parameters.Add(new NpgsqlParameter("from", from.Select(machine.Wire).ToArray()));
        parameters.Add(new NpgsqlParameter("subject", machine.Subject));
        parameters.Add(new NpgsqlParameter("chain", (object?)step.Chain ?? DBNull.Value) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter("txhash", (object?)step.TxHash ?? DBNull.Value) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter("actor", step.Actor));
        parameters.Add(new NpgsqlParameter("note", (object?)step.Note ?? DBNull.Value) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var sql = $"""
            WITH moved AS (
                UPDATE {table} SET status = @to, updated_at = now(){since}{setSql}
                 WHERE status = ANY(@from) AND ({whereSql}) RETURNING id),
            t AS (INSERT INTO timeline (subject, subject_id, status, chain, tx_hash, actor, note)
                  SELECT @subject, id, @to, @chain, @txhash, @actor, @note FROM moved)
            SELECT id AS "Value" FROM moved
            """;
        return await db.Database.SqlQueryRaw<long>(sql, parameters.ToArray<object>()).ToListAsync(ct);
    }

    /// <summary>A timeline row for a subject created in <paramref name="state"/> (no move).</summary>
    public static Task AppendAsync<TState>(DbContext db, StateMachine<TState> machine, long id, TState state, TransitionStep step,
        CancellationToken ct) where TState : struct, Enum =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO timeline (subject, subject_id, status, chain, tx_hash, actor, note)
            VALUES ({machine.Subject}, {id}, {machine.Wire(state)}, {step.Chain}, {step.TxHash}, {step.Actor}, {step.Note})
            """, ct);

    private static string Table(string subject) => subject switch
    {
        "credit" => "credits",
        "outgoing-tx" => "outgoing_txs",
        "transfer" => "transfers",
        "payment" => "payments",
        "checkout" => "checkouts",
        _ => throw new ArgumentOutOfRangeException(nameof(subject), subject, "no table"),
    };

    private static string Render(FormattableString fragment, List<NpgsqlParameter> parameters)
    {
        var args = fragment.GetArguments();
        var names = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            names[i] = $"@p{parameters.Count}";
            parameters.Add(args[i] is null
                ? new NpgsqlParameter(names[i][1..], DBNull.Value) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }
                : new NpgsqlParameter(names[i][1..], args[i]));
        }
        return Hole().Replace(fragment.Format, m => names[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Hole();
}
