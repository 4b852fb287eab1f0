using System.Text;
using Microsoft.EntityFrameworkCore;
using StratosBridge.Ledger.OutgoingTxs;
using StratosBridge.Ledger.SourceEvents;
using StratosBridge.Ledger.Transfers;

namespace StratosBridge.Ledger;

/// <summary>
/// The ledger's EF Core model. The schema itself is owned by the SQL scripts in Migrations/ (never EnsureCreated);
/// this model only maps onto it: tables and columns are the snake_case of the C# names.
/// </summary>
public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options)
{
    public DbSet<SourceEventRow> SourceEvents => Set<SourceEventRow>();
    public DbSet<TransferRow> Transfers => Set<TransferRow>();
    public DbSet<OutgoingTxRow> OutgoingTxs => Set<OutgoingTxRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<SourceEventRow>(e =>
        {
            e.ToTable("source_events");
            e.Property(x => x.Payload).HasColumnType("jsonb");
            e.Property(x => x.ObservedAt).ValueGeneratedOnAdd();
            e.Property(x => x.UpdatedAt).ValueGeneratedOnAdd();
            e.Property(x => x.Status).ValueGeneratedNever();
        });
        model.Entity<TransferRow>(e =>
        {
            e.ToTable("transfers");
            e.Property(x => x.Amount).HasColumnType("numeric(78,0)");
            foreach (var p in new[] { nameof(TransferRow.StateSince), nameof(TransferRow.NextAttemptAt),
                         nameof(TransferRow.CreatedAt), nameof(TransferRow.UpdatedAt) })
            {
                e.Property(p).ValueGeneratedOnAdd();
            }
        });
        model.Entity<OutgoingTxRow>(e =>
        {
            e.ToTable("outgoing_txs");
            e.Property(x => x.CreatedAt).ValueGeneratedOnAdd();
            e.Property(x => x.UpdatedAt).ValueGeneratedOnAdd();
        });

        foreach (var entity in model.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
