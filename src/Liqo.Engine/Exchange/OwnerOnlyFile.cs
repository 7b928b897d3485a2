using System.Security.AccessControl;
using System.Security.Principal;
using System.Text;

namespace Liqo.Engine.Exchange;

/// <summary>
/// Writes a file only its owner may read: created with mode 0600 on Unix (never readable by others, not even for an
/// instant), and on Windows with inheritance removed and one rule, full control for the current user.
/// </summary>
public static class OwnerOnlyFile
{
    /// <summary>
    /// Checks, before anything else is done, that <see cref="Write"/> could write <paramref name="path"/>: its folder exists
    /// and it does not exist yet (or <paramref name="force"/>). Commands call it before they change a cluster, so that the
    /// material (or a key) they make is never lost to a path that could not take it.
    /// </summary>
    public static void CheckWritable(string path, bool force)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && !force)
            throw new LiqoException(ErrorIds.FileExists, LiqoErrorCategory.ResourceExists, full,
                $"The file '{full}' exists already; nothing was done.", "Give another path, or -Force to replace it.");
        if (Directory.Exists(full))
            throw new LiqoException(ErrorIds.FileExists, LiqoErrorCategory.ResourceExists, full,
                $"'{full}' is a folder; nothing was done.", "Give the path of a file to write.");
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
            throw new LiqoException(ErrorIds.DirectoryNotFound, LiqoErrorCategory.ObjectNotFound, dir,
                $"The folder '{dir}' does not exist; nothing was done.", "Create the folder, or give a path in an existing one.");
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM). An existing file is replaced only with <paramref name="force"/>.</summary>
    public static void Write(string path, string text, bool force)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            if (!force)
                throw new LiqoException(ErrorIds.FileExists, LiqoErrorCategory.ResourceExists, full,
                    $"The file '{full}' exists already; nothing was written to it.", "Give another path, or -Force to replace it.");
            File.Delete(full); // recreated below, so its permissions are ours and not the old file's
        }
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
            throw new LiqoException(ErrorIds.DirectoryNotFound, LiqoErrorCategory.ObjectNotFound, dir, $"The folder '{dir}' does not exist.");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(full, options))
        {
            if (OperatingSystem.IsWindows()) RestrictToOwner(stream);
            var bytes = new UTF8Encoding(false).GetBytes(text);
            stream.Write(bytes);
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static void RestrictToOwner(FileStream stream)
    {
        var security = new FileSecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        var user = WindowsIdentity.GetCurrent().User!;
        security.SetOwner(user);
        security.AddAccessRule(new FileSystemAccessRule(user, FileSystemRights.FullControl, AccessControlType.Allow));
        stream.SetAccessControl(security);
    }

    /// <summary>Reads a file written by <see cref="Write"/> (or by hand).</summary>
    public static string Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new LiqoException(ErrorIds.FileNotFound, LiqoErrorCategory.ObjectNotFound, full, $"The file '{full}' does not exist.");
        return File.ReadAllText(full);
    }
}
