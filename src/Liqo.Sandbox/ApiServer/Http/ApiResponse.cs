using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Liqo.Sandbox.ApiServer.Http;

/// <summary>A complete (non-streaming) response: status code, JSON body, content type, Warning texts and extra headers.</summary>
internal sealed class ApiResponse
{
    public int Code { get; init; } = 200;
    public JsonNode? Body { get; init; }
    public string ContentType { get; init; } = MediaTypes.Json;
    public List<string> Warnings { get; } = [];
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The error behind the response, for the audit log.</summary>
    public ApiException? Error { get; init; }

    public static ApiResponse Ok(JsonNode body, int code = 200) => new() { Code = code, Body = body };

    public static ApiResponse FromError(ApiException e)
    {
        var r = new ApiResponse { Code = e.Code, Body = e.ToStatus(), Error = e };
        if (e.RetryAfterSeconds is { } s && e.Code is 429 or 503 or 504) r.Headers["Retry-After"] = s.ToString();
        return r;
    }

    public async Task WriteAsync(HttpContext ctx, string auditId)
    {
        var res = ctx.Response;
        res.StatusCode = Code;
        res.Headers["Audit-Id"] = auditId;
        res.Headers.CacheControl = "no-cache, private";
        foreach (var w in Warnings) res.Headers.Append("Warning", "299 - " + QuotedString(w));
        foreach (var (k, v) in Headers) res.Headers[k] = v;
        var bytes = ServerJson.Serialize(Body);
        res.ContentType = ContentType;
        res.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method)) await res.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    // An HTTP quoted-string as apimachinery's NewWarningHeader writes the text (makeQuotedString): only the double
    // quote and the backslash are escaped, unlike Go's %q.
    private static string QuotedString(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
