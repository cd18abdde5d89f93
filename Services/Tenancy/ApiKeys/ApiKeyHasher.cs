using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Tenancy.ApiKeys;

/// <summary>Keyed hash of an API key (HMAC-SHA256), the only form in which keys are stored.</summary>
public sealed class ApiKeyHasher(IOptions<ApiKeyOptions> options)
{
    private readonly byte[]? _key = string.IsNullOrEmpty(options.Value.HashKey) ? null : Encoding.UTF8.GetBytes(options.Value.HashKey);

    public bool IsConfigured => _key is not null;

    public byte[] Hash(string apiKey) =>
        HMACSHA256.HashData(_key ?? throw new InvalidOperationException("Tenancy:ApiKeys:HashKey is not set."), Encoding.UTF8.GetBytes(apiKey));
}
