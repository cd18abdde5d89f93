using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Logging.BatchedConsole;

/// <summary>
/// The console logger with its output path replaced: entries are formatted by the framework's
/// own console formatters (the JSON one here, so the lines are exactly what the console logger
/// writes) and written to stdout in batches by <see cref="ConsoleLineWriter"/>. Its alias is
/// "Console", so <c>Logging:Console:*</c> settings apply to it as they would to the original.
/// </summary>
[ProviderAlias("Console")]
internal sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<string, BatchedConsoleLogger> _loggers = new(StringComparer.Ordinal);
    private readonly ConsoleFormatter _formatter;
    private readonly ConsoleLineWriter _writer;
    private IExternalScopeProvider? _scopes;

    public BatchedConsoleLoggerProvider(IEnumerable<ConsoleFormatter> formatters, IOptions<ConsoleLoggerOptions> options)
        : this(formatters, options, Console.OpenStandardOutput())
    {
    }

    internal BatchedConsoleLoggerProvider(IEnumerable<ConsoleFormatter> formatters, IOptions<ConsoleLoggerOptions> options, Stream output)
    {
        var name = options.Value.FormatterName ?? ConsoleFormatterNames.Simple;
        _formatter = formatters.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No console formatter named '{name}' is registered.");
        _writer = new ConsoleLineWriter(output, Math.Max(options.Value.MaxQueueLength, 1));
    }

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, name => new BatchedConsoleLogger(name, _formatter, _writer, () => _scopes));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() => _writer.Dispose();
}
