namespace Liqo.Engine.Resources;

/// <summary>One metav1.StatusCause of an API server's refusal: its type (reason), message and field path.</summary>
public sealed record StatusCause(string Type, string Message, string Field);
