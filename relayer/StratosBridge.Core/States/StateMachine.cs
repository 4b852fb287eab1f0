using System.Text;

namespace StratosBridge.Core.States;

/// <summary>
/// The allowed moves of one concept's states (a transfer, a payment, a credit, a checkout, an outgoing transaction).
/// Production moves rows only through the ledger's guarded transition function with this machine, which refuses every
/// move not listed here. A state may list itself when a step records progress without changing state (a fee-bumped
/// replacement of a submitted transfer's transaction, say).
/// </summary>
public sealed class StateMachine<TState> where TState : struct, Enum
{
    private readonly IReadOnlyDictionary<TState, TState[]> _moves;
    private readonly Dictionary<TState, string> _wire;
    private readonly Dictionary<string, TState> _parse;

    public StateMachine(string subject, IReadOnlyDictionary<TState, TState[]> moves)
    {
        var missing = Enum.GetValues<TState>().Where(s => !moves.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"the {subject} state machine does not say where {string.Join(", ", missing)} may go", nameof(moves));
        }
        Subject = subject;
        _moves = moves;
        _wire = Enum.GetValues<TState>().ToDictionary(s => s, s => KebabCase(s.ToString()));
        _parse = _wire.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        Wires = Enum.GetValues<TState>().Select(s => _wire[s]).ToList();
    }

    /// <summary>The concept's name on timeline rows: <c>transfer</c>, <c>credit</c>, <c>payment</c>, <c>checkout</c>, <c>outgoing-tx</c>.</summary>
    public string Subject { get; }

    public bool IsAllowed(TState from, TState to) => _moves[from].Contains(to);

    public bool IsTerminal(TState state) => _moves[state].Length == 0;

    /// <summary>Throws when the machine has no move <paramref name="from"/> → <paramref name="to"/> (a programming error, never an outcome).</summary>
    public void Ensure(TState from, TState to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidOperationException($"{Subject}: {Wire(from)} → {Wire(to)} is not a move of the state machine");
        }
    }

    /// <summary>Every state's name in the ledger and the API, in the order of the enum (what a status filter accepts).</summary>
    public IReadOnlyList<string> Wires { get; }

    /// <summary>The state's name in the ledger and the API: kebab case (<c>NeedsOperator</c> → <c>needs-operator</c>).</summary>
    public string Wire(TState state) => _wire[state];

    public TState Parse(string wire) =>
        _parse.TryGetValue(wire, out var state) ? state : throw new FormatException($"'{wire}' is not a {Subject} state");

    private static string KebabCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('-');
            }
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
