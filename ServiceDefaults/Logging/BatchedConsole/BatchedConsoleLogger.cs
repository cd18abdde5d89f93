using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Platform.ServiceDefaults.Logging.BatchedConsole;

/// <summary>
/// Formats an entry with the console formatter on the calling thread (so scopes and the current
/// activity are the caller's) and hands the finished line to the <see cref="ConsoleLineWriter"/>.
/// </summary>
internal sealed class BatchedConsoleLogger(string category, ConsoleFormatter formatter, ConsoleLineWriter writer, Func<IExternalScopeProvider?> scopes) : ILogger
{
    [ThreadStatic]
    private static StringWriter? t_text;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => scopes()?.Push(state) ?? NullScope.Instance;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter1)
    {
        if (!IsEnabled(logLevel)) return;
        var text = t_text ??= new StringWriter();
        formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter1), scopes(), text);
        var builder = text.GetStringBuilder();
        if (builder.Length == 0) return;
        var line = builder.ToString();
        builder.Clear();
        // One very long entry must not keep a large buffer alive on this thread for good.
        if (builder.Capacity > 4096) builder.Capacity = 4096;
        writer.Write(line);
    }

    private sealed class NullScope : IDisposable
    {
        public static readonly NullScope Instance = new();
        public void Dispose() { }
    }
}
