namespace StratosBridge.Tests.Integration.Api;

/// <summary>Accounts for the API tests, in their EIP-55 form (published EIP-55 examples); the ledger stores them lower case.</summary>
public static class Wallets
{
    public const string Alice = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    public const string Bob = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
    public const string Carol = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";
    public const string Dave = "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb";

    /// <summary>As the ledger stores an address.</summary>
    public static string Stored(string address) => address.ToLowerInvariant();

    /// <summary>A transaction hash made from a small number, lower case as nodes print it.</summary>
    public static string TxHash(int n) => "0x" + n.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
}
