using System.Management.Automation;
using Liqo.Engine;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>Maps engine failures to PowerShell error records: ErrorId, category (by name), target object, recommended action.</summary>
internal static class ErrorRecordFactory
{
    public static ErrorRecord From(LiqoException e)
    {
        var category = Enum.TryParse<ErrorCategory>(e.Category.ToString(), out var c) ? c : ErrorCategory.NotSpecified;
        var record = new ErrorRecord(e, e.ErrorId, category, e.TargetObject);
        if (e.RecommendedAction is not null)
            record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.RecommendedAction };
        return record;
    }

    public static ErrorRecord InvalidArgument(string errorId, string message, object? target) =>
        new(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);
}
