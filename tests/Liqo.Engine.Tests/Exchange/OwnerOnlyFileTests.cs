using Liqo.Engine.Exchange;

namespace Liqo.Engine.Tests.Exchange;

/// <summary>Files the module writes for the other cluster: owner-only, never silently replaced.</summary>
public sealed class OwnerOnlyFileTests
{
    [Fact]
    public void WritesAFileOnlyItsOwnerMayReadOrWrite()
    {
        using var dir = new TempDir();
        var path = dir.File("material.json");
        OwnerOnlyFile.Write(path, "{}\n", force: false);
        Assert.Equal("{}\n", OwnerOnlyFile.Read(path));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void ReplacesAFileOnlyWithForceAndThenOwnerOnlyToo()
    {
        using var dir = new TempDir();
        var path = dir.Write("old.json", "old");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100); // 0644
        var e = Assert.Throws<LiqoException>(() => OwnerOnlyFile.Write(path, "new", force: false));
        Assert.Equal(ErrorIds.FileExists, e.ErrorId);
        Assert.Equal("old", File.ReadAllText(path));

        OwnerOnlyFile.Write(path, "new", force: true);
        Assert.Equal("new", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void AMissingFolderOrFileIsNamed()
    {
        using var dir = new TempDir();
        Assert.Equal("DirectoryNotFound", Assert.Throws<LiqoException>(() => OwnerOnlyFile.Write(dir.File("no/such.json"), "x", false)).ErrorId);
        Assert.Equal("FileNotFound", Assert.Throws<LiqoException>(() => OwnerOnlyFile.Read(dir.File("none.json"))).ErrorId);
    }
}
