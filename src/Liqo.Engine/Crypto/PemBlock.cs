namespace Liqo.Engine.Crypto;

/// <summary>One decoded PEM block: its type (the word after BEGIN) and its DER bytes.</summary>
internal sealed record PemBlock(string Type, byte[] Bytes);
