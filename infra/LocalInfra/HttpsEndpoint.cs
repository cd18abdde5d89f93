namespace Platform.LocalInfra;

/// <summary>A Kestrel HTTPS endpoint on loopback, beside a project's plain-HTTP one, with a PEM certificate and key.</summary>
public sealed record HttpsEndpoint(int Port, string CertificatePath, string KeyPath)
{
    public Uri Address => new($"https://127.0.0.1:{Port}");
}
