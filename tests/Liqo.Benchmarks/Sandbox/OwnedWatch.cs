namespace Liqo.Benchmarks.Sandbox;

/// <summary>A raw watch with the HttpClient (the connection) that carries it: disposing ends both.</summary>
internal sealed class OwnedWatch(RawWatch watch, HttpClient http) : IAsyncDisposable
{
    public RawWatch Watch { get; } = watch;

    public async ValueTask DisposeAsync()
    {
        await Watch.DisposeAsync();
        http.Dispose();
    }
}
