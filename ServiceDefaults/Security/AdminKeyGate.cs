using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// Decides whether a request carries the platform admin key, sent as <c>X-Admin-Key</c> or
/// <c>Authorization: Bearer</c>. The comparison runs over fixed-length hashes in constant time,
/// so neither the key's content nor its length leaks through timing. Services use it through
/// <see cref="AdminKeyFilter"/>; the gateway in front of every <c>/v1/admin</c> route.
/// </summary>
public sealed class AdminKeyGate(IOptionsMonitor<AdminKeyOptions> options)
{
    public const string Header = "X-Admin-Key";

    /// <summary>Null when the request may pass; otherwise the problem to answer with.</summary>
    public IResult? Refuse(HttpRequest request)
    {
        var configured = options.CurrentValue.AdminKey;
        if (string.IsNullOrEmpty(configured))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Admin access is disabled",
                detail: "No platform admin key is configured (Platform:AdminKey).");
        }
        var presented = Presented(request);
        if (presented is null)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
                detail: $"Send the platform admin key as {Header} or Authorization: Bearer.");
        }
        if (!Matches(presented, configured))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not the admin key",
                detail: "The key presented is not the platform admin key.");
        }
        return null;
    }

    /// <summary>The key presented: <c>X-Admin-Key</c>, else a bearer token.</summary>
    public static string? Presented(HttpRequest request)
    {
        var header = request.Headers[Header].ToString();
        if (header.Length > 0) return header;
        return BearerToken(request);
    }

    public static string? BearerToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7 ? authorization[7..].Trim() : null;
    }

    internal static bool Matches(string presented, string configured) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
