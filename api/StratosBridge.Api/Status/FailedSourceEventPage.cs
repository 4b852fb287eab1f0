namespace StratosBridge.Api.Status;

/// <summary>What GET /v1/admin/source-events/failed answers: newest first; <see cref="Next"/> is the next page's <c>before</c>.</summary>
public sealed record FailedSourceEventPage(IReadOnlyList<FailedSourceEventDetail> Events, string? Next);
