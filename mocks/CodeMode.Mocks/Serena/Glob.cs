using System.Text;
using System.Text.RegularExpressions;

namespace CodeMode.Mocks.Serena;

/// <summary>
/// Serena's path globs: <c>*</c> within a path segment, <c>**</c> across segments, <c>?</c>, <c>[...]</c> and brace
/// alternatives <c>{a,b}</c>. A glob without '/' also matches the file name alone; file masks (find_file) match names.
/// </summary>
internal static class Glob
{
    public static bool Matches(string glob, string path)
    {
        foreach (var alternative in ExpandBraces(glob))
        {
            var regex = ToRegex(alternative);
            if (regex.IsMatch(path) || (!alternative.Contains('/') && regex.IsMatch(path[(path.LastIndexOf('/') + 1)..])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Python's fnmatch on a file name: <c>*</c> matches anything.</summary>
    public static bool MatchesName(string mask, string name) =>
        Regex.IsMatch(name, "^" + Translate(mask, starCrossesSlash: true) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static Regex ToRegex(string glob) => new("^" + Translate(glob, starCrossesSlash: false) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static string Translate(string glob, bool starCrossesSlash)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    i++;
                    if (i + 1 < glob.Length && glob[i + 1] == '/')
                    {
                        i++;
                        regex.Append("(?:.*/)?");
                    }
                    else
                    {
                        regex.Append(".*");
                    }

                    break;
                case '*':
                    regex.Append(starCrossesSlash ? ".*" : "[^/]*");
                    break;
                case '?':
                    regex.Append(starCrossesSlash ? "." : "[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }

                    var set = glob[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.ToString();
    }

    private static IEnumerable<string> ExpandBraces(string glob)
    {
        var open = glob.IndexOf('{');
        var close = open < 0 ? -1 : glob.IndexOf('}', open);
        if (open < 0 || close < 0)
        {
            return [glob];
        }

        return glob[(open + 1)..close].Split(',').SelectMany(option => ExpandBraces(glob[..open] + option + glob[(close + 1)..]));
    }
}
