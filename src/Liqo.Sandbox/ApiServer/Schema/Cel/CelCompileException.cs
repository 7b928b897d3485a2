namespace Liqo.Sandbox.ApiServer.Schema.Cel;

/// <summary>
/// A CEL expression that cannot be parsed, or refers to something the evaluator does not know. When
/// <see cref="Unsupported"/> is set the expression is valid CEL but uses a function this subset does not implement.
/// </summary>
internal sealed class CelCompileException(string message, bool unsupported = false) : Exception(message)
{
    public bool Unsupported { get; } = unsupported;
}
