using Platform.Contracts;

namespace Platform.Tests.Foundation;

/// <summary>Follows the notification redelivery policy, so the tests see kinds resolved from the attribute.</summary>
[MessageKind(MessageKinds.Notification)]
public sealed record PoisonProbe(string TenantId, Guid Id) : ITenantMessage;
