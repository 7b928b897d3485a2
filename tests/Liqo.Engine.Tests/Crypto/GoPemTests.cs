using System.Text;
using Liqo.Engine.Crypto;

namespace Liqo.Engine.Tests.Crypto;

/// <summary>PEM written and read as Go's encoding/pem does.</summary>
public sealed class GoPemTests
{
    [Fact]
    public void WritesSixtyFourCharacterLinesAndATrailingNewline()
    {
        var data = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var pem = GoPem.EncodeToString("TEST", data);
        var lines = pem.Split('\n');
        Assert.Equal("-----BEGIN TEST-----", lines[0]);
        Assert.Equal(64, lines[1].Length);
        Assert.Equal(64, lines[2].Length);
        Assert.Equal(136 - 128, lines[3].Length);
        Assert.Equal("-----END TEST-----", lines[4]);
        Assert.Equal("", lines[5]); // the text ends with "\n"
        Assert.Equal(6, lines.Length);
        Assert.DoesNotContain('\r', pem);
        Assert.Equal(Convert.ToBase64String(data), lines[1] + lines[2] + lines[3]);
    }

    [Fact]
    public void ExactMultipleOfALineLeavesNoEmptyLine()
    {
        var pem = GoPem.EncodeToString("X", new byte[96]); // 128 base64 characters = two full lines
        Assert.Equal("-----BEGIN X-----\n" + new string('A', 64) + "\n" + new string('A', 64) + "\n-----END X-----\n", pem);
        Assert.Equal("-----BEGIN X-----\n-----END X-----\n", GoPem.EncodeToString("X", []));
    }

    [Fact]
    public void DecodesTheFirstBlockSkippingTextCrlfAndHeaders()
    {
        var body = Convert.ToBase64String(Encoding.ASCII.GetBytes("hello world, this is a PEM test body"));
        var text = "garbage before\r\n-----BEGIN THING-----\r\nProc-Type: 4,ENCRYPTED\r\n\r\n" + body[..10] + "\r\n" + body[10..] +
                   "\r\n-----END THING-----  \r\ntrailing\n-----BEGIN OTHER-----\nAAAA\n-----END OTHER-----\n";
        var block = GoPem.Decode(Encoding.ASCII.GetBytes(text));
        Assert.NotNull(block);
        Assert.Equal("THING", block.Type);
        Assert.Equal("hello world, this is a PEM test body", Encoding.ASCII.GetString(block.Bytes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no pem at all")]
    [InlineData("-----BEGIN A-----\nAAAA\n-----END B-----\n")] // END names another type
    [InlineData("-----BEGIN A-----\nA!AA\n-----END A-----\n")] // not base64
    [InlineData("-----BEGIN A-----\nAAAA\n")] // no END line
    [InlineData("x-----BEGIN A-----\nAAAA\n-----END A-----\n")] // BEGIN not at the start of a line
    public void ReturnsNullWhereGoFindsNoBlock(string text) => Assert.Null(GoPem.Decode(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void SkipsAnInvalidBlockAndFindsTheNextOne()
    {
        var block = GoPem.Decode("-----BEGIN A-----\nA!AA\n-----END A-----\n-----BEGIN B-----\nAAEC\n-----END B-----\n"u8);
        Assert.NotNull(block);
        Assert.Equal("B", block.Type);
        Assert.Equal(new byte[] { 0, 1, 2 }, block.Bytes);
    }
}
