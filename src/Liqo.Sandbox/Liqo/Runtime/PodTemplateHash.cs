using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>
/// The pod-template-hash label of a Deployment's ReplicaSets (controller.ComputeHash): a 32-bit FNV-1a hash of the pod
/// template, written in decimal and each digit mapped through rand.SafeEncodeString's alphabet, so it reads like a real
/// one ("5d8f9c7b46"). The sandbox hashes the template's JSON, not Go's spew dump, so the value differs from a real
/// cluster's for the same template; it changes when the template changes, as there.
/// </summary>
internal static class PodTemplateHash
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Of(JsonObject? template)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(template?.ToJsonString() ?? ""))
            hash = unchecked((hash ^ b) * 16777619u);
        return new string(hash.ToString(CultureInfo.InvariantCulture).Select(c => Alphabet[c % Alphabet.Length]).ToArray());
    }
}
