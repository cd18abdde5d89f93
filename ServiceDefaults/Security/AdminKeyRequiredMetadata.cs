namespace Platform.ServiceDefaults.Security;

/// <summary>Marks an endpoint as admin-only (OpenAPI and the gateway can see it).</summary>
public sealed record AdminKeyRequiredMetadata;
