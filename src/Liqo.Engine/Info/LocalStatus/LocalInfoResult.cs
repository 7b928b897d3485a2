namespace Liqo.Engine.Info.LocalStatus;

/// <summary>The report of <see cref="InfoCollector.CollectLocalAsync"/>, with the API requests it took.</summary>
public sealed record LocalInfoResult(LocalInfoReport Report, int ApiRequests, TimeSpan Elapsed);
