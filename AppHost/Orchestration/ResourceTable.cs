using System.Text;

namespace Platform.AppHost.Orchestration;

/// <summary>The short table printed once everything is healthy.</summary>
public static class ResourceTable
{
    public static string Render(IEnumerable<ResourceSnapshot> resources, string dashboardUrl)
    {
        var rows = resources
            .Select(r => new[] { r.Name, r.Kind, $"{r.State}/{r.Health}", r.Endpoints.Count == 0 ? "-" : string.Join(" ", r.Endpoints) })
            .Prepend(["RESOURCE", "KIND", "STATE", "URL"])
            .ToList();
        var widths = Enumerable.Range(0, 3).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(row[0].PadRight(widths[0] + 2)).Append(row[1].PadRight(widths[1] + 2)).Append(row[2].PadRight(widths[2] + 2)).AppendLine(row[3]);
        text.AppendLine().Append("Dashboard: ").AppendLine(dashboardUrl);
        return text.ToString();
    }
}
