using System.Security.Cryptography;
using Npgsql;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Tests.Integration.Ledger;

public sealed class BusinessAccountStoreTests
{
    private const string Wallet = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";

    private static NewBusinessAccount Account(string name = "Acme Storage") => new(name, "ops@acme.example", Wallet, 150_000);

    private static byte[] Digest(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

    private static async Task BackdateLastUseAsync(LedgerHarness ledger, long keyId, TimeSpan by)
    {
        await using var cmd = ledger.Get<NpgsqlDataSource>().CreateCommand("UPDATE api_keys SET last_used_at = last_used_at - $1 WHERE id = $2");
        cmd.Parameters.AddWithValue(by);
        cmd.Parameters.AddWithValue(keyId);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task An_account_is_created_active_and_read_back_and_listed_newest_first()
    {
        await using var ledger = await LedgerHarness.CreateAsync("accounts_create");
        var store = ledger.Get<BusinessAccountStore>();

        var first = await store.CreateAsync(Account("First") with { Wallet = Wallet.ToUpperInvariant().Replace("0X", "0x") });
        var second = await store.CreateAsync(Account("Second"));
        var third = await store.CreateAsync(Account("Third"));
        await store.UpdateAsync(second.Id, new BusinessAccountChange(Status: BusinessAccountStatus.OnHold, Note: "dispute"));

        Assert.Equal(first, await store.GetAsync(first.Id));
        Assert.Null(await store.GetAsync(third.Id + 1000));
        Assert.Equal(Wallet, first.Wallet);
        Assert.Equal(BusinessAccountStatus.Active, first.Status);
        Assert.Null(first.StatusNote);
        Assert.Equal(150_000, first.MonthlyLimitCents);
        Assert.Equal(first.CreatedAt, first.UpdatedAt);
        Assert.Equal([third.Id, second.Id], (await store.ListAsync(2, null)).Select(a => a.Id));
        Assert.Equal([first.Id], (await store.ListAsync(2, second.Id)).Select(a => a.Id));
        Assert.Equal([second.Id], (await store.ListAsync(10, null, BusinessAccountStatus.OnHold)).Select(a => a.Id));
        Assert.Equal([third.Id, first.Id], (await store.ListAsync(10, null, BusinessAccountStatus.Active)).Select(a => a.Id));
    }

    [Fact]
    public async Task An_update_changes_only_what_it_names_and_moves_updated_at()
    {
        await using var ledger = await LedgerHarness.CreateAsync("accounts_update");
        var store = ledger.Get<BusinessAccountStore>();
        var created = await store.CreateAsync(Account());

        var (outcome, updated) = await store.UpdateAsync(created.Id,
            new BusinessAccountChange(ContactEmail: "billing@acme.example", MonthlyLimitCents: 0));
        var (missing, none) = await store.UpdateAsync(created.Id + 1000, new BusinessAccountChange(Name: "Nobody"));

        Assert.Equal(AccountUpdateOutcome.Updated, outcome);
        Assert.Equal(created with { ContactEmail = "billing@acme.example", MonthlyLimitCents = 0, UpdatedAt = updated!.UpdatedAt }, updated);
        Assert.True(updated.UpdatedAt > created.UpdatedAt);
        Assert.Equal(AccountUpdateOutcome.NotFound, missing);
        Assert.Null(none);
    }

    [Fact]
    public async Task Resolving_a_hold_needs_a_note_and_records_a_hold_resolved_entry()
    {
        await using var ledger = await LedgerHarness.CreateAsync("accounts_hold");
        var store = ledger.Get<BusinessAccountStore>();
        var account = await store.CreateAsync(Account());

        var (held, onHold) = await store.UpdateAsync(account.Id, new BusinessAccountChange(Status: BusinessAccountStatus.OnHold, Note: "chargeback dp_1"));
        var (refused, unchanged) = await store.UpdateAsync(account.Id, new BusinessAccountChange(Status: BusinessAccountStatus.Active));
        var (blank, _) = await store.UpdateAsync(account.Id, new BusinessAccountChange(Status: BusinessAccountStatus.Active, Note: "  "));
        var entriesBefore = await ledger.ScalarAsync($"SELECT count(*) FROM account_entries WHERE account_id = {account.Id}");
        var (resolved, active) = await store.UpdateAsync(account.Id,
            new BusinessAccountChange(Status: BusinessAccountStatus.Active, Note: "dispute won, funds back"));
        var (again, stillActive) = await store.UpdateAsync(account.Id, new BusinessAccountChange(Status: BusinessAccountStatus.Active));
        var (reheld, onHoldWithoutNote) = await store.UpdateAsync(account.Id, new BusinessAccountChange(Status: BusinessAccountStatus.OnHold));

        Assert.Equal(AccountUpdateOutcome.Updated, held);
        Assert.Equal((BusinessAccountStatus.OnHold, "chargeback dp_1"), (onHold!.Status, onHold.StatusNote));
        Assert.Equal(AccountUpdateOutcome.NoteRequired, refused);
        Assert.Equal(onHold, unchanged);
        Assert.Equal(AccountUpdateOutcome.NoteRequired, blank);
        Assert.Equal(0, entriesBefore);
        Assert.Equal(AccountUpdateOutcome.Updated, resolved);
        Assert.Equal((BusinessAccountStatus.Active, "dispute won, funds back"), (active!.Status, active.StatusNote));
        Assert.Equal(1, await ledger.ScalarAsync(
            $"SELECT count(*) FROM account_entries WHERE account_id = {account.Id} AND kind = 'hold-resolved' AND note = 'dispute won, funds back'"));
        Assert.Equal(AccountUpdateOutcome.Updated, again);
        Assert.Equal("dispute won, funds back", stillActive!.StatusNote); // no change of status: the note stays
        Assert.Equal(AccountUpdateOutcome.Updated, reheld);
        Assert.Null(onHoldWithoutNote!.StatusNote); // a new status without a note clears the old one
        Assert.Equal(1, await ledger.ScalarAsync($"SELECT count(*) FROM account_entries WHERE account_id = {account.Id}"));
    }

    [Fact]
    public async Task Keys_are_stored_by_digest_listed_and_revoked_once()
    {
        await using var ledger = await LedgerHarness.CreateAsync("accounts_keys");
        var store = ledger.Get<BusinessAccountStore>();
        var account = await store.CreateAsync(Account());
        var other = await store.CreateAsync(Account("Other"));

        var (added, first) = await store.AddKeyAsync(account.Id, "sbk_11111111", Digest("one"), "checkout server");
        var (_, second) = await store.AddKeyAsync(account.Id, "sbk_22222222", Digest("two"), null);
        var (samePrefix, none1) = await store.AddKeyAsync(account.Id, "sbk_11111111", Digest("three"), null);
        var (sameDigest, none2) = await store.AddKeyAsync(other.Id, "sbk_33333333", Digest("two"), null);
        var (noAccount, none3) = await store.AddKeyAsync(other.Id + 1000, "sbk_44444444", Digest("four"), null);
        var revoked = await store.RevokeKeyAsync(account.Id, first!.Id);
        var revokedAgain = await store.RevokeKeyAsync(account.Id, first.Id);
        var notTheirs = await store.RevokeKeyAsync(other.Id, second!.Id);

        Assert.Equal(ApiKeyAddOutcome.Added, added);
        Assert.Equal((account.Id, "sbk_11111111", "checkout server"), (first.AccountId, first.Prefix, first.Label));
        Assert.Null(first.RevokedAt);
        Assert.Equal(ApiKeyAddOutcome.KeyTaken, samePrefix);
        Assert.Equal(ApiKeyAddOutcome.KeyTaken, sameDigest);
        Assert.Equal(ApiKeyAddOutcome.AccountNotFound, noAccount);
        Assert.Null(none1 ?? none2 ?? none3);
        Assert.NotNull(revoked!.RevokedAt);
        Assert.Equal(revoked.RevokedAt, revokedAgain!.RevokedAt); // the first revocation time stays
        Assert.Null(notTheirs);
        var keys = await store.KeysAsync(account.Id);
        Assert.Equal([first.Id, second.Id], keys.Select(k => k.Id));
        Assert.Equal(revoked, keys[0]);
        Assert.Empty(await store.KeysAsync(other.Id));
        Assert.Equal(2, await ledger.ScalarAsync("SELECT count(*) FROM api_keys"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddKeyAsync(account.Id, "sbk_55555555", [1, 2, 3], null));
    }

    [Fact]
    public async Task Authenticate_finds_the_key_and_its_account_says_revoked_and_knows_no_other_digest()
    {
        await using var ledger = await LedgerHarness.CreateAsync("accounts_authenticate");
        var store = ledger.Get<BusinessAccountStore>();
        var account = await store.CreateAsync(Account());
        var (_, live) = await store.AddKeyAsync(account.Id, "sbk_11111111", Digest("live"), null);
        var (_, gone) = await store.AddKeyAsync(account.Id, "sbk_22222222", Digest("gone"), null);
        var revoked = await store.RevokeKeyAsync(account.Id, gone!.Id);

        var found = await store.AuthenticateAsync(Digest("live"), CancellationToken.None);
        var refused = await store.AuthenticateAsync(Digest("gone"), CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(account, found.Value.Account);
        Assert.Equal(live!.Id, found.Value.Key.Id);
        Assert.Null(found.Value.Key.RevokedAt);
        Assert.NotNull(found.Value.Key.LastUsedAt);
        Assert.NotNull(refused);
        Assert.Equal(revoked!.RevokedAt, refused.Value.Key.RevokedAt);
        Assert.Null(refused.Value.Key.LastUsedAt); // a revoked key is not "used"
        Assert.Null(await store.AuthenticateAsync(Digest("unknown"), CancellationToken.None));
        Assert.Null(await store.AuthenticateAsync([1, 2, 3], CancellationToken.None));
    }

    [Fact]
    public async Task Last_used_is_written_at_most_once_a_minute()
    {
        await using var ledger = await LedgerHarness.CreateAsync("accounts_last_used");
        var store = ledger.Get<BusinessAccountStore>();
        var account = await store.CreateAsync(Account());
        var (_, key) = await store.AddKeyAsync(account.Id, "sbk_11111111", Digest("live"), null);

        var firstUse = (await store.AuthenticateAsync(Digest("live"), CancellationToken.None))!.Value.Key.LastUsedAt;
        var secondUse = (await store.AuthenticateAsync(Digest("live"), CancellationToken.None))!.Value.Key.LastUsedAt;
        var xminAfterSecond = await ledger.ScalarAsync($"SELECT xmin::text::bigint FROM api_keys WHERE id = {key!.Id}");
        var thirdUse = (await store.AuthenticateAsync(Digest("live"), CancellationToken.None))!.Value.Key.LastUsedAt;
        var xminAfterThird = await ledger.ScalarAsync($"SELECT xmin::text::bigint FROM api_keys WHERE id = {key.Id}");
        await BackdateLastUseAsync(ledger, key.Id, TimeSpan.FromSeconds(61));
        var afterAMinute = (await store.AuthenticateAsync(Digest("live"), CancellationToken.None))!.Value.Key.LastUsedAt;

        Assert.NotNull(firstUse);
        Assert.Equal(firstUse, secondUse);
        Assert.Equal(firstUse, thirdUse);
        Assert.Equal(xminAfterSecond, xminAfterThird); // no write at all: the row version is the same
        Assert.NotNull(afterAMinute);
        Assert.True(afterAMinute > firstUse, $"{afterAMinute} is not a new use after {firstUse} (backdated by 61 s)");
        Assert.Equal(afterAMinute, (await store.KeysAsync(account.Id)).Single().LastUsedAt);
    }
}
