namespace Liqo.Sandbox.ApiServer.Go;

/// <summary>Which Go JSON encoder wrote a text; they differ in how they escape strings.</summary>
internal enum GoJsonEncoder
{
    /// <summary>
    /// encoding/json as of Go 1.22 (the API server of Kubernetes 1.32 is built with Go 1.23): <c>\b</c> and <c>\f</c>
    /// have short escapes. The API server marshals with it (last-applied configuration, manager identities, jsonpath).
    /// </summary>
    EncodingJson,

    /// <summary>
    /// json-iterator with ConfigCompatibleWithStandardLibrary, which structured-merge-diff v4 (Kubernetes 1.32) writes
    /// managedFields path elements with: the escapes of encoding/json before Go 1.22 (<c>\u0008</c>, <c>\u000c</c>).
    /// </summary>
    JsonIterator,
}
