using System.Collections.Concurrent;
using System.Reflection;
using Platform.Contracts;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Message type URN → kind, from <see cref="MessageKindAttribute"/> on the loaded contract
/// types. The redelivery filter sits before deserialisation, where only the envelope's URNs
/// are known.
/// </summary>
internal sealed class MessageKindRegistry
{
    private readonly Lazy<IReadOnlyDictionary<string, string>> _kinds = new(Scan);
    private readonly ConcurrentDictionary<string, string?> _resolved = new();

    public string? KindOf(IEnumerable<string> messageTypeUrns)
    {
        foreach (var urn in messageTypeUrns)
        {
            var kind = _resolved.GetOrAdd(urn, u => _kinds.Value.GetValueOrDefault(u));
            if (kind is not null) return kind;
        }
        return null;
    }

    private static Dictionary<string, string> Scan()
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic))
        {
            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                types = ex.Types.OfType<Type>().ToArray();
            }
            foreach (var type in types)
            {
                if (type.FullName is null || type.GetCustomAttribute<MessageKindAttribute>() is not { } attribute) continue;
                kinds[MassTransitEnvelope.Urn(type.FullName)] = attribute.Kind;
            }
        }
        return kinds;
    }
}
