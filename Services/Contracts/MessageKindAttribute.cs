namespace Platform.Contracts;

/// <summary>
/// Names the retry policy a message type follows once its consumer has failed its immediate
/// retries (see <see cref="MessageKinds"/>). Types without it follow the default policy.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, Inherited = false)]
public sealed class MessageKindAttribute(string kind) : Attribute
{
    public string Kind { get; } = kind;
}
