using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Relayer.Configuration;

/// <summary>Section <c>Database</c>. The connection string holds a password: set it from the environment
/// (<c>Database__ConnectionString</c>) or a secrets file, never in appsettings in the repo.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [Required]
    public string ConnectionString { get; set; } = "";
}
