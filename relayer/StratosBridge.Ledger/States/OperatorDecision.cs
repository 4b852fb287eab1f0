namespace StratosBridge.Ledger.States;

/// <summary>What became of an operator's decision when its job ran.</summary>
public enum OperatorDecision
{
    /// <summary>The state change was made now.</summary>
    Applied,

    /// <summary>The subject was not in a state the decision applies to (it moved meanwhile); nothing changed, and never will for this decision.</summary>
    NotApplicable,

    /// <summary>This decision was carried out (or found not applicable) by an earlier run: nothing done again.</summary>
    AlreadyDecided,
}
