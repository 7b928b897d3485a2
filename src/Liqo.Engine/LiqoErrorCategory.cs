namespace Liqo.Engine;

/// <summary>
/// The category of a failure. The names are those of PowerShell's ErrorCategory, so the cmdlet layer maps them by
/// name; the engine itself has no PowerShell reference.
/// </summary>
public enum LiqoErrorCategory
{
    NotSpecified,
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    ObjectNotFound,
    ResourceExists,
    ResourceUnavailable,
    ConnectionError,
    SecurityError,
    AuthenticationError,
    PermissionDenied,
    NotInstalled,
    OperationTimeout,
    OperationStopped,
}
