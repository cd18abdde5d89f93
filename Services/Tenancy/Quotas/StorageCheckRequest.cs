namespace Platform.Tenancy.Quotas;

/// <param name="Gigabytes">How much more the caller is about to store.</param>
public sealed record StorageCheckRequest(decimal Gigabytes);
