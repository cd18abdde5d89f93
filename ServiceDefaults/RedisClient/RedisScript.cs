using System.Security.Cryptography;
using System.Text;

namespace Platform.ServiceDefaults.RedisClient;

/// <summary>A Lua script, sent as <c>EVALSHA</c> by its SHA-1 and as <c>EVAL</c> only when the server has not cached it.</summary>
public sealed class RedisScript(string source)
{
    public string Source { get; } = source;

    // SHA-1 is what EVALSHA names scripts by: an identifier, not a security measure.
#pragma warning disable CA5350
    public string Sha1 { get; } = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(source)));
#pragma warning restore CA5350
}
