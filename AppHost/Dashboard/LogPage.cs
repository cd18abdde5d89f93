using Platform.AppHost.Orchestration;

namespace Platform.AppHost.Dashboard;

/// <summary>New log lines and the number to ask after next time.</summary>
public sealed record LogPage(IReadOnlyList<LogLine> Lines, long Next);
