namespace Liqo.Sandbox.ApiServer.Storage;

/// <summary>
/// The bounded history of committed writes (a ring buffer ordered by RV, one record per RV), which watch cursors read.
/// Every change with RV &gt; <see cref="Floor"/> is retained. Not thread-safe: the store guards it with its lock.
/// </summary>
internal sealed class ChangeLog(int capacity, long initialRv)
{
    private readonly ChangeRecord[] _ring = new ChangeRecord[Math.Max(16, capacity)];
    private int _start;
    private int _count;

    public int Capacity => _ring.Length;

    /// <summary>Every change after this RV is retained; a watch from an older RV gets 410 Expired.</summary>
    public long Floor { get; private set; } = initialRv;

    public void Append(ChangeRecord record)
    {
        if (_count == _ring.Length)
        {
            Floor = _ring[_start].Rv;
            _ring[_start] = record;
            _start = (_start + 1) % _ring.Length;
        }
        else
        {
            _ring[(_start + _count) % _ring.Length] = record;
            _count++;
        }
    }

    /// <summary>Drops every record with RV ≤ <paramref name="upToRv"/> (a test hook like etcd compaction).</summary>
    public void Compact(long upToRv)
    {
        Floor = Math.Max(Floor, upToRv);
        while (_count > 0 && _ring[_start].Rv <= upToRv)
        {
            _ring[_start] = null!;
            _start = (_start + 1) % _ring.Length;
            _count--;
        }
    }

    public bool Covers(long cursor) => cursor >= Floor;

    /// <summary>Copies the records with RV &gt; cursor (at most <paramref name="max"/>).</summary>
    public void ReadAfter(long cursor, List<ChangeRecord> into, int max)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_ring[(_start + mid) % _ring.Length].Rv <= cursor) lo = mid + 1;
            else hi = mid;
        }
        for (var i = lo; i < _count && into.Count < max; i++)
            into.Add(_ring[(_start + i) % _ring.Length]);
    }
}
