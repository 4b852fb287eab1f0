using StratosBridge.Core.Checkouts;
using StratosBridge.Core.OutgoingTxs;
using StratosBridge.Core.Payments;
using StratosBridge.Core.States;
using StratosBridge.Core.Transfers;

namespace StratosBridge.Tests.Unit.States;

public sealed class StateMachineTests
{
    private enum Door
    {
        Open,
        Closed,
        NeedsOperator,
    }

    [Fact]
    public void Wire_names_are_kebab_case_and_parse_back()
    {
        var machine = new StateMachine<Door>("door", new Dictionary<Door, Door[]>
        {
            [Door.Open] = [Door.Closed], [Door.Closed] = [Door.Open, Door.NeedsOperator], [Door.NeedsOperator] = [],
        });

        Assert.Equal("needs-operator", machine.Wire(Door.NeedsOperator));
        Assert.Equal(Door.NeedsOperator, machine.Parse("needs-operator"));
        Assert.Throws<FormatException>(() => machine.Parse("NeedsOperator"));
        Assert.Throws<FormatException>(() => machine.Parse("ajar"));
    }

    [Fact]
    public void Only_listed_moves_are_allowed()
    {
        var machine = new StateMachine<Door>("door", new Dictionary<Door, Door[]>
        {
            [Door.Open] = [Door.Closed], [Door.Closed] = [Door.Open, Door.NeedsOperator], [Door.NeedsOperator] = [],
        });

        Assert.True(machine.IsAllowed(Door.Open, Door.Closed));
        Assert.False(machine.IsAllowed(Door.Open, Door.NeedsOperator));
        Assert.True(machine.IsTerminal(Door.NeedsOperator));
        machine.Ensure(Door.Closed, Door.NeedsOperator);
        var refused = Assert.Throws<InvalidOperationException>(() => machine.Ensure(Door.NeedsOperator, Door.Open));
        Assert.Contains("door: needs-operator → open", refused.Message);
    }

    [Fact]
    public void A_machine_must_say_where_every_state_may_go()
    {
        var e = Assert.Throws<ArgumentException>(() => new StateMachine<Door>("door", new Dictionary<Door, Door[]>
        {
            [Door.Open] = [Door.Closed], [Door.Closed] = [Door.Open],
        }));
        Assert.Contains("NeedsOperator", e.Message);
    }

    [Fact]
    public void The_ledger_machines_name_their_subjects_and_keep_todays_wire_names()
    {
        Assert.Equal("transfer", TransferStates.Machine.Subject);
        Assert.Equal("payment", PaymentStates.Machine.Subject);
        Assert.Equal("credit", CreditStates.Machine.Subject);
        Assert.Equal("checkout", CheckoutStates.Machine.Subject);
        Assert.Equal("outgoing-tx", OutgoingTxStates.Machine.Subject);
        Assert.Equal("finalized", TransferStates.Machine.Wire(TransferStatus.Finalized));
        Assert.Equal("unmatched", PaymentStates.Machine.Wire(PaymentStatus.Unmatched));
        Assert.Equal("broadcast", OutgoingTxStates.Machine.Wire(OutgoingTxStatus.Broadcast));
        Assert.True(TransferStates.Machine.IsTerminal(TransferStatus.Completed));
        Assert.False(TransferStates.Machine.IsAllowed(TransferStatus.Pending, TransferStatus.Completed));
    }
}
