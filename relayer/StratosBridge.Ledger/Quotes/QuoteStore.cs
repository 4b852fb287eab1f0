using System.Numerics;
using Npgsql;
using NpgsqlTypes;
using StratosBridge.Core.Ledger;
using StratosBridge.Core.Quotes;

namespace StratosBridge.Ledger.Quotes;

/// <summary>
/// Quotes in the ledger. The id is the natural key: a second insert of the same id is <see cref="Recorded.AlreadyKnown"/>
/// (the caller draws a new id). Status is computed by PostgreSQL when read — <c>open</c> until <c>expires_at</c>, then
/// <c>expired</c> — so every instance agrees on it.
/// </summary>
public sealed class QuoteStore(NpgsqlDataSource database)
{
    internal const string Columns = """
        id, beneficiary, pay_asset, pay_chain, pay_to, chain_id, noz, stos_wei, amount_due, stos_usd, asset_usd,
        spread_percent, solana_reference, created_at, expires_at, monitor_until, pricing_rule::text,
        CASE WHEN now() < expires_at THEN 'open' ELSE 'expired' END
        """;

    /// <summary>Stores a quote; returns it as stored (times from the database), or <see cref="Recorded.AlreadyKnown"/> with the existing row.</summary>
    public async Task<(Recorded Outcome, QuoteRow Quote)> CreateAsync(NewQuote quote, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quote);
        await using var cmd = database.CreateCommand($"""
            INSERT INTO quotes (id, beneficiary, pay_asset, pay_chain, pay_to, chain_id, noz, stos_wei, amount_due, stos_usd,
                                asset_usd, spread_percent, solana_reference, expires_at, monitor_until, pricing_rule, account_id)
            VALUES (@id, @beneficiary, @asset, @chain, @to, @chainId, @noz, @stos, @due, @stosUsd, @assetUsd, @spread, @reference,
                    now() + @expiry, now() + @window, @rule, @account)
            ON CONFLICT (id) DO NOTHING
            RETURNING {Columns}
            """);
        cmd.Parameters.AddWithValue("id", quote.Id.ToLowerInvariant());
        cmd.Parameters.AddWithValue("beneficiary", quote.Beneficiary.ToLowerInvariant());
        cmd.Parameters.AddWithValue("asset", quote.PayAsset);
        cmd.Parameters.AddWithValue("chain", quote.PayChain);
        cmd.Parameters.AddWithValue("to", NpgsqlDbType.Text, (object?)quote.PayTo ?? DBNull.Value);
        cmd.Parameters.AddWithValue("chainId", NpgsqlDbType.Bigint, (object?)quote.ChainId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("account", NpgsqlDbType.Bigint, (object?)quote.AccountId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("noz", NpgsqlDbType.Numeric, (object?)quote.Noz ?? DBNull.Value);
        cmd.Parameters.AddWithValue("stos", NpgsqlDbType.Numeric, (object?)quote.StosWei ?? DBNull.Value);
        cmd.Parameters.AddWithValue("due", NpgsqlDbType.Numeric, (object?)quote.AmountDue ?? DBNull.Value);
        cmd.Parameters.AddWithValue("stosUsd", quote.StosUsd);
        cmd.Parameters.AddWithValue("assetUsd", quote.AssetUsd);
        cmd.Parameters.AddWithValue("spread", quote.SpreadPercent);
        cmd.Parameters.AddWithValue("reference", NpgsqlDbType.Text, (object?)quote.SolanaReference ?? DBNull.Value);
        cmd.Parameters.AddWithValue("expiry", quote.Expiry);
        cmd.Parameters.AddWithValue("window", quote.MonitoringWindow);
        cmd.Parameters.AddWithValue("rule", NpgsqlDbType.Jsonb, quote.PricingRule);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                return (Recorded.Inserted, Read(reader));
            }
        }
        var existing = await GetAsync(quote.Id, ct) ?? throw new InvalidOperationException($"quote {quote.Id} conflicted but is not there");
        return (Recorded.AlreadyKnown, existing);
    }

    /// <summary>The quote, or null when there is none with that id.</summary>
    public async Task<QuoteRow?> GetAsync(string id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var cmd = database.CreateCommand($"SELECT {Columns} FROM quotes WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id.ToLowerInvariant());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>
    /// The SOL quotes whose payments are watched (<c>pay_chain = 'solana'</c>) and whose monitoring window has not closed
    /// more than <paramref name="grace"/> ago (a watcher that looks at old quotes less often passes its longest spacing,
    /// so it looks once more after the window closes), oldest first. Index <c>quotes_monitored</c>.
    /// </summary>
    public async Task<IReadOnlyList<MonitoredSolanaQuote>> MonitoredSolanaQuotesAsync(TimeSpan grace = default,
        CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT id, solana_reference, created_at, monitor_until FROM quotes
             WHERE pay_chain = 'solana' AND monitor_until > now() - @grace AND solana_reference IS NOT NULL
             ORDER BY created_at, id
            """);
        cmd.Parameters.AddWithValue("grace", grace);
        var quotes = new List<MonitoredSolanaQuote>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            quotes.Add(new MonitoredSolanaQuote(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return quotes;
    }

    internal static QuoteRow Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4),
        r.IsDBNull(5) ? null : r.GetInt64(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<BigInteger>(6),
        r.IsDBNull(7) ? null : r.GetFieldValue<BigInteger>(7),
        r.IsDBNull(8) ? null : r.GetFieldValue<BigInteger>(8),
        r.GetDecimal(9),
        r.GetDecimal(10),
        r.GetDecimal(11),
        r.IsDBNull(12) ? null : r.GetString(12),
        r.GetFieldValue<DateTimeOffset>(13),
        r.GetFieldValue<DateTimeOffset>(14),
        r.GetFieldValue<DateTimeOffset>(15),
        r.GetString(16),
        r.GetString(17) == "open" ? QuoteStatus.Open : QuoteStatus.Expired);
}
