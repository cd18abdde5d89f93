namespace Platform.Tenancy.Quotas;

/// <param name="AllowPartial">Grant what is left when fewer than <paramref name="Units"/> remain (a batch scores what it may and reports the rest).</param>
public sealed record ConsumeQuotaRequest(long Units, bool AllowPartial = false);
