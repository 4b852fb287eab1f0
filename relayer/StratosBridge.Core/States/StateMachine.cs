using System.Text;

namespace StratosBridge.Core.States;

/// <summary>
/// STAND-IN for the lead's foundation (issue 13 item 8) until it lands on main: the allowed moves of one concept's states,
/// and their kebab-case wire names. Replaced by main's at merge.
/// </summary>
public sealed class StateMachine<TState> where TState : struct, Enum
{
    private readonly HashSet<(TState From, TState To)> _moves;
    private readonly HashSet<TState> _terminal;

    public StateMachine(string subject, IEnumerable<(TState From, TState To)> moves, IEnumerable<TState> terminal)
    {
        Subject = subject;
        _moves = moves.ToHashSet();
        _terminal = terminal.ToHashSet();
    }

    public string Subject { get; }

    public bool IsAllowed(TState from, TState to) => _moves.Contains((from, to));

    public bool IsTerminal(TState state) => _terminal.Contains(state);

    public void Ensure(TState from, TState to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidOperationException($"{Subject}: {Wire(from)} → {Wire(to)} is not an allowed move");
        }
    }

    public string Wire(TState state)
    {
        var name = state.ToString();
        var wire = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && wire.Length > 0)
            {
                wire.Append('-');
            }
            wire.Append(char.ToLowerInvariant(c));
        }
        return wire.ToString();
    }

    public TState Parse(string wire) =>
        Enum.GetValues<TState>().First(s => Wire(s) == wire);
}
