using System.Text.Json;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>The answer to one request of an <see cref="EvmRpcBatch"/>, available once the batch was sent.</summary>
public sealed class EvmRpcBatchItem<T> : IEvmRpcBatchEntry
{
    private readonly EvmRpcRequest<T> _request;
    private T? _value;
    private EvmRpcException? _error;
    private bool _completed;

    internal EvmRpcBatchItem(EvmRpcRequest<T> request, long id)
    {
        _request = request;
        Id = id;
    }

    public string Method => _request.Method;

    /// <summary>The JSON-RPC id this request carries in the batch.</summary>
    public long Id { get; }

    public bool IsCompleted => _completed;

    public bool Succeeded => _completed && _error is null;

    /// <summary>This request's own error (typed like a single call's), or null.</summary>
    public EvmRpcException? Error => _error;

    /// <summary>The result; throws this request's typed error if it failed.</summary>
    public T Value =>
        !_completed ? throw new InvalidOperationException("the batch has not been sent")
        : _error is not null ? throw _error
        : _value!;

    void IEvmRpcBatchEntry.Write(Utf8JsonWriter writer) => _request.Write(writer, Id);

    void IEvmRpcBatchEntry.Complete(JsonElement result)
    {
        try
        {
            _value = _request.ParseResult(result);
        }
        catch (EvmRpcException e)
        {
            _error = e;
        }
        _completed = true;
    }

    void IEvmRpcBatchEntry.Fail(EvmRpcException error)
    {
        _error = error;
        _completed = true;
    }
}
