using System.Globalization;

namespace Liqo.PowerShell.Info;

/// <summary>An object's age as kubectl prints it (apimachinery's duration.HumanDuration: 2-3 significant figures).</summary>
internal static class KubeAge
{
    public static string Of(DateTime? created) => created is { } t ? Human(DateTime.UtcNow - t.ToUniversalTime()) : "<unknown>";

    public static string Human(TimeSpan d)
    {
        static string F(long v) => v.ToString(CultureInfo.InvariantCulture);
        var seconds = d.Ticks / TimeSpan.TicksPerSecond;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return F(seconds) + "s";
        var minutes = d.Ticks / TimeSpan.TicksPerMinute;
        if (minutes < 10) return seconds % 60 == 0 ? F(minutes) + "m" : F(minutes) + "m" + F(seconds % 60) + "s";
        if (minutes < 60 * 3) return F(minutes) + "m";
        var hours = d.Ticks / TimeSpan.TicksPerHour;
        if (hours < 8) return minutes % 60 == 0 ? F(hours) + "h" : F(hours) + "h" + F(minutes % 60) + "m";
        if (hours < 48) return F(hours) + "h";
        if (hours < 24 * 8) return hours % 24 == 0 ? F(hours / 24) + "d" : F(hours / 24) + "d" + F(hours % 24) + "h";
        if (hours < 24 * 365 * 2) return F(hours / 24) + "d";
        if (hours < 24 * 365 * 8) return hours / 24 % 365 == 0 ? F(hours / 24 / 365) + "y" : F(hours / 24 / 365) + "y" + F(hours / 24 % 365) + "d";
        return F(hours / 24 / 365) + "y";
    }
}
