using StratosBridge.Relayer.Attesting;

namespace StratosBridge.Tests.Unit.Attesting;

public sealed class AttesterJournalTests : IDisposable
{
    private const string Id = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private const string Digest = "0xaaaa000000000000000000000000000000000000000000000000000000000001";
    private const string Other = "0xbbbb000000000000000000000000000000000000000000000000000000000002";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"journal-{Guid.NewGuid():N}");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void One_release_id_is_never_admitted_with_two_digests_even_after_a_restart()
    {
        using (var journal = AttesterJournal.Open(_path))
        {
            Assert.True(journal.Admit(Id, "release", Digest, out var before));
            Assert.Null(before);
            Assert.True(journal.Admit(Id, "release", Digest, out _)); // the same contents again: a repeat after a crash
            Assert.False(journal.Admit(Id, "release", Other, out before));
            Assert.Equal(Digest, before);
            Assert.True(journal.Admit(Id, "cancel", Other, out _)); // another kind of message for the same lock
        }
        using var reopened = AttesterJournal.Open(_path);
        Assert.Equal(2, reopened.Count);
        Assert.True(reopened.Holds(Id.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), "release", Digest));
        Assert.False(reopened.Admit(Id, "release", Other, out var remembered));
        Assert.Equal(Digest, remembered);
        Assert.False(reopened.Holds(Id, "refund", Digest));
    }

    [Fact]
    public void A_journal_it_cannot_read_stops_the_attester()
    {
        File.WriteAllText(_path, $"{Id} release {Digest}\nnot a line of the journal\n");
        var e = Assert.Throws<InvalidDataException>(() => AttesterJournal.Open(_path));
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void A_journal_in_memory_refuses_other_contents_for_the_life_of_the_process()
    {
        using var journal = AttesterJournal.InMemory();
        Assert.True(journal.Admit(Id, "release", Digest, out _));
        Assert.False(journal.Admit(Id, "release", Other, out _));
        Assert.Null(journal.Path);
    }
}
