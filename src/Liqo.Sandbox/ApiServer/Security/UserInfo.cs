namespace Liqo.Sandbox.ApiServer.Security;

/// <summary>An authenticated user (or system:anonymous) with groups, as the authorizer and the audit log see it.</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    public const string Masters = "system:masters";
    public static readonly UserInfo Anonymous = new("system:anonymous", ["system:unauthenticated"]);

    public bool IsMaster => Groups.Contains(Masters);

    /// <summary>The user's UID (Impersonate-Uid of an impersonated user), or null; the audit log shows it.</summary>
    public string? Uid { get; init; }

    /// <summary>The user as authenticated: every authenticated user also belongs to system:authenticated.</summary>
    public static UserInfo Authenticated(string name, IEnumerable<string> groups)
    {
        var list = groups.Where(g => g.Length > 0).Distinct().ToList();
        if (!list.Contains("system:authenticated")) list.Add("system:authenticated");
        return new UserInfo(name, list);
    }
}
