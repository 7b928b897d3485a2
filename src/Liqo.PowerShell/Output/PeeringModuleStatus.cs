namespace Liqo;

/// <summary>One module's outcome in a peering: Established, Reused, Planned, Skipped or ResourcesNotAccepted, and its duration.</summary>
public sealed class PeeringModuleStatus
{
    public PeeringModuleStatus(string status, TimeSpan duration)
    {
        Status = status;
        Duration = duration;
    }

    public string Status { get; }

    public TimeSpan Duration { get; }

    public override string ToString() => Status;
}
