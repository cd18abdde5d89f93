using Platform.Contracts;

namespace Platform.Tests.Foundation;

public sealed record PoisonProbe(string TenantId, Guid Id) : ITenantMessage;
