using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Tests.Unit.Evm.Rpc;

[Collection(JsonRpcStubServer.Collection)]
public sealed class EvmRpcResilienceTests
{
    [Fact]
    public async Task Retries_are_logged_with_method_and_chain_and_never_the_url()
    {
        var logs = new CapturingLoggerProvider();
        await using var node = JsonRpcStubServer.Start(call =>
            call.Number <= 2 ? StubReply.Error(call, -32000, "header not found") : StubReply.Result(call, "\"0x64\""));
        var url = new Uri(node.Url, "v2/secret-provider-key"); // provider URLs carry keys in the path
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddRpcClient<EvmRpcClient>("ethereum", url, new RpcResilienceOptions
            {
                MaxRetryAttempts = 3,
                BaseDelay = TimeSpan.FromMilliseconds(5),
                MaxDelay = TimeSpan.FromMilliseconds(20),
            });
        await using var provider = services.BuildServiceProvider();

        var head = await provider.GetRequiredService<IRpcClientFactory<EvmRpcClient>>().For("ethereum").BlockNumberAsync();

        Assert.Equal(100, head);
        var retries = logs.Entries.Where(e => e.Level == LogLevel.Warning).ToArray();
        Assert.Equal(2, retries.Length);
        Assert.All(retries, entry =>
        {
            Assert.Equal("eth_blockNumber", entry.State["Method"]);
            Assert.Equal("ethereum", entry.State["Chain"]);
            Assert.Equal("BlockNotAvailable", entry.State["ErrorKind"]);
            Assert.Equal("EVM", entry.State["Protocol"]);
        });
        Assert.Equal([1, 2], retries.Select(r => (int)r.State["Retry"]!));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("secret-provider-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Zero_retries_still_times_out_each_attempt()
    {
        await using var node = JsonRpcStubServer.Start(_ => StubReply.Hang(TimeSpan.FromSeconds(30)));
        using var http = new HttpClient { BaseAddress = node.Url };
        var pipeline = RpcResiliencePipeline.Create<EvmRpcClient>(new RpcResilienceOptions
        {
            MaxRetryAttempts = 0,
            // Long enough for a cold loopback server to see the request before the attempt is abandoned.
            AttemptTimeout = TimeSpan.FromSeconds(1),
        });

        var e = await Assert.ThrowsAsync<EvmRpcTransientException>(() => new EvmRpcClient(http, pipeline).ChainIdAsync());

        Assert.Equal(EvmRpcErrorKind.Timeout, e.Kind);
        Assert.Equal(1, node.RequestCount);
    }

    [Fact]
    public async Task Client_without_a_pipeline_makes_one_attempt()
    {
        await using var node = JsonRpcStubServer.Start(_ => StubReply.Http(503));
        using var http = new HttpClient { BaseAddress = node.Url };

        await Assert.ThrowsAsync<EvmRpcTransientException>(() => new EvmRpcClient(http).ChainIdAsync());

        Assert.Equal(1, node.RequestCount);
    }

    private sealed record LogEntry(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(Entries);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter)
            {
                var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
                entries.Enqueue(new LogEntry(logLevel, formatter(state, exception),
                    values.ToDictionary(kv => kv.Key, kv => kv.Value)));
            }
        }
    }
}
