namespace Platform.AppHost.Orchestration;

public sealed record LogLine(long Number, string Text);
