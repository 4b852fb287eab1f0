using StratosBridge.Api.Hosting;

return await BridgeHost.RunAsync(args);
