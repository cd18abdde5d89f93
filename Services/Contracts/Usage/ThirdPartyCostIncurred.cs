namespace Platform.Contracts.Usage;

/// <summary>A cost a provider billed for the tenant (an LLM call, an SMS), passed through at cost, in USD.</summary>
public sealed record ThirdPartyCostIncurred(string TenantId, string Provider, decimal AmountUsd, DateTimeOffset IncurredAt) : ITenantMessage;
