namespace Liqo.Sandbox.ApiServer.Go;

/// <summary>
/// How the Go code behind a message decoded the JSON numbers it prints: the same text prints differently depending on
/// it (<c>1000000</c> is <c>1000000</c> as an int64 but <c>1e+06</c> as a float64 under <c>%v</c>).
/// </summary>
internal enum NumberDecoding
{
    /// <summary>
    /// encoding/json into <c>interface{}</c>: every number is a float64. Strategic merge patch and JSON patch decode
    /// the patch and the object this way.
    /// </summary>
    Float64,

    /// <summary>
    /// apimachinery's unstructured decoding (sigs.k8s.io/json with ints preserved): an int64 when the text parses with
    /// strconv.ParseInt (an optional minus and digits that fit), a float64 otherwise (<c>1.0</c>, <c>1e3</c>). Stored
    /// objects, schema validation, printing and managedFields see numbers this way.
    /// </summary>
    Unstructured,
}
