using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// The kind of a JSON value as the API server sees it after decoding into unstructured Go values: integers
/// (int64) and other numbers (float64) are distinct, as apimachinery's JSON decoder makes them
/// (<see cref="NumberDecoding.Unstructured"/>).
/// </summary>
internal enum JsonKind
{
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
}
