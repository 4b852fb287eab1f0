using System.Data;
using System.Numerics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using StratosBridge.Core.States;

namespace StratosBridge.Ledger.States;

/// <summary>
/// The one guarded transition function of the ledger, for every concept with a state machine. A move is
/// <c>UPDATE &lt;table&gt; SET status = @to … WHERE status = ANY(@from) AND (&lt;where&gt;) RETURNING id</c> plus one
/// <c>timeline</c> row per moved row, in one statement: atomic on its own, and part of the caller's transaction when
/// there is one. Rows that are no longer in a <c>from</c> state are not moved (someone else moved them first): the
/// returned ids say which were. A move the state machine does not allow throws before anything is sent.
/// </summary>
/// <remarks>
/// <c>where</c> and <c>set</c> are interpolated strings whose holes become parameters:
/// <c>where: $"outgoing_tx_id = ANY({ids})"</c>, <c>set: $"tx_hash = {hash}, attempts = attempts + 1"</c>. A hole may
/// also be an <see cref="NpgsqlParameter"/> when its type must be spelled out; a <see cref="BigInteger"/> is sent as numeric.
/// </remarks>
public static class StateChange
{
    private sealed record Table(string Name, string OnEveryMove);

    private static readonly Dictionary<string, Table> Tables = new(StringComparer.Ordinal)
    {
        ["transfer"] = new("transfers", ", state_since = now()"),
        ["payment"] = new("payments", ""),
        ["credit"] = new("credits", ""),
        ["checkout"] = new("checkout_sessions", ""),
        ["outgoing-tx"] = new("outgoing_txs", ""),
    };

    /// <summary>Moves rows inside the EF context's current transaction (or on its own when there is none).</summary>
    /// <param name="notes">Timeline notes per row id, where rows need different notes; the others get <paramref name="step"/>'s.</param>
    public static async Task<IReadOnlyList<long>> MoveAsync<TState>(DbContext db, StateMachine<TState> machine, TState[] from, TState to,
        FormattableString where, FormattableString? set, TransitionStep step, CancellationToken ct = default,
        IReadOnlyDictionary<long, string>? notes = null) where TState : struct, Enum
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var tx = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            return await MoveAsync(connection, tx, machine, from, to, where, set, step, ct, notes);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Moves rows on <paramref name="connection"/>, inside <paramref name="tx"/> when given.</summary>
    /// <param name="notes">Timeline notes per row id, where rows need different notes; the others get <paramref name="step"/>'s.</param>
    public static async Task<IReadOnlyList<long>> MoveAsync<TState>(NpgsqlConnection connection, NpgsqlTransaction? tx,
        StateMachine<TState> machine, TState[] from, TState to, FormattableString where, FormattableString? set, TransitionStep step,
        CancellationToken ct = default, IReadOnlyDictionary<long, string>? notes = null) where TState : struct, Enum
    {
        if (from.Length == 0)
        {
            throw new ArgumentException("a move needs at least one state to move from", nameof(from));
        }
        foreach (var state in from)
        {
            machine.Ensure(state, to);
        }
        var table = Tables[machine.Subject];
        await using var cmd = new NpgsqlCommand { Connection = connection, Transaction = tx };
        var sql = new StringBuilder();
        sql.Append("WITH moved AS (UPDATE ").Append(table.Name).Append(" SET status = @to, updated_at = now()").Append(table.OnEveryMove);
        if (set is not null)
        {
            sql.Append(", ").Append(Fragment(set, cmd.Parameters));
        }
        sql.Append(" WHERE status = ANY(@from) AND (").Append(Fragment(where, cmd.Parameters)).Append(") RETURNING id)");
        sql.Append(notes is { Count: > 0 }
            ? ", n AS (SELECT * FROM unnest(@note_ids, @notes) AS n(id, note)) "
            : ", n AS (SELECT NULL::bigint AS id, NULL::text AS note) ");
        sql.Append("""
            INSERT INTO timeline (subject, subject_id, status, chain, tx_hash, actor, note)
            SELECT @subject, moved.id, @to, @chain, @tx_hash, @actor, coalesce(n.note, @note) FROM moved LEFT JOIN n ON n.id = moved.id
            RETURNING subject_id
            """);
        cmd.CommandText = sql.ToString();
        cmd.Parameters.AddWithValue("to", machine.Wire(to));
        cmd.Parameters.AddWithValue("from", from.Select(machine.Wire).ToArray());
        cmd.Parameters.AddWithValue("subject", machine.Subject);
        cmd.Parameters.AddWithValue("chain", NpgsqlDbType.Text, (object?)step.Chain ?? DBNull.Value);
        cmd.Parameters.AddWithValue("tx_hash", NpgsqlDbType.Text, (object?)step.TxHash ?? DBNull.Value);
        cmd.Parameters.AddWithValue("actor", step.Actor);
        cmd.Parameters.AddWithValue("note", NpgsqlDbType.Text, (object?)step.Note ?? DBNull.Value);
        if (notes is { Count: > 0 })
        {
            cmd.Parameters.AddWithValue("note_ids", notes.Keys.ToArray());
            cmd.Parameters.AddWithValue("notes", notes.Values.ToArray());
        }
        var moved = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            moved.Add(reader.GetInt64(0));
        }
        return moved;
    }

    /// <summary>The SQL of an interpolated fragment, its holes added to <paramref name="parameters"/> as <c>@pN</c>.</summary>
    private static string Fragment(FormattableString fragment, NpgsqlParameterCollection parameters)
    {
        var names = fragment.GetArguments().Select(argument =>
        {
            var name = $"p{parameters.Count}";
            parameters.Add(argument switch
            {
                NpgsqlParameter p => Named(p, name),
                BigInteger b => new NpgsqlParameter(name, NpgsqlDbType.Numeric) { Value = b },
                null => new NpgsqlParameter(name, DBNull.Value),
                _ => new NpgsqlParameter(name, argument),
            });
            return "@" + name;
        }).ToArray<object?>();
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, fragment.Format, names);
    }

    private static NpgsqlParameter Named(NpgsqlParameter parameter, string name)
    {
        parameter.ParameterName = name;
        parameter.Direction = ParameterDirection.Input;
        return parameter;
    }
}
