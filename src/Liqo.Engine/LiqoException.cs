namespace Liqo.Engine;

/// <summary>
/// A failure the user can act on: a stable <see cref="ErrorId"/>, a category, the offending value as
/// <see cref="TargetObject"/>, a message that says what was wrong and what to do, and optionally a recommended action.
/// Messages never carry credentials, keys, tokens or kubeconfig contents.
/// </summary>
public class LiqoException : Exception
{
    public LiqoException(string errorId, LiqoErrorCategory category, object? targetObject, string message,
        string? recommendedAction = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Category = category;
        TargetObject = targetObject;
        RecommendedAction = recommendedAction;
    }

    /// <summary>Stable identifier (see <see cref="ErrorIds"/>); scripts may branch on it.</summary>
    public string ErrorId { get; }

    public LiqoErrorCategory Category { get; }

    /// <summary>The value that was wrong: a path, a context name, a server URL, a cluster ID...</summary>
    public object? TargetObject { get; }

    public string? RecommendedAction { get; }
}
