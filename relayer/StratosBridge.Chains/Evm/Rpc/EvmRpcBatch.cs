namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// Several JSON-RPC requests in one HTTP POST. Add requests, send once, then read each item: responses are matched
/// by id (nodes may answer in any order), and each item carries its own result or typed error. A failure of the
/// whole exchange (transport, HTTP status, a single error object instead of an array) throws from
/// <see cref="SendAsync"/>; transient ones are retried as a whole by the client's pipeline. Per-item errors are
/// not retried: the caller decides per item. A batch is built and sent by one caller (not thread-safe).
/// </summary>
public sealed class EvmRpcBatch
{
    private readonly EvmRpcClient _client;
    private readonly List<IEvmRpcBatchEntry> _entries = [];
    private bool _sent;

    internal EvmRpcBatch(EvmRpcClient client) => _client = client;

    public int Count => _entries.Count;

    public EvmRpcBatchItem<T> Add<T>(EvmRpcRequest<T> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_sent)
        {
            throw new InvalidOperationException("the batch was sent already");
        }
        var item = new EvmRpcBatchItem<T>(request, _client.NextId());
        _entries.Add(item);
        return item;
    }

    public async Task SendAsync(CancellationToken ct = default)
    {
        if (_sent)
        {
            throw new InvalidOperationException("the batch was sent already");
        }
        _sent = true;
        if (_entries.Count == 0)
        {
            return;
        }
        await _client.SendBatchAsync(_entries, ct);
    }
}
