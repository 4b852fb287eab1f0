namespace StratosBridge.Api.Status;

public static class StatusEndpoints
{
    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/status", async (StatusReader reader, CancellationToken ct) => TypedResults.Ok(await reader.ReadAsync(ct)))
          .WithName("GetStatus");
}
