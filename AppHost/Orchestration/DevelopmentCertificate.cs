using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.AppHost.Orchestration;

/// <summary>
/// A self-signed certificate for https://localhost, made on the first run and reused after.
/// (The SDK's dev-certs tool needs a trust store this machine does not have.)
/// </summary>
public static class DevelopmentCertificate
{
    public static string Ensure(string directory)
    {
        var path = Path.Combine(directory, "localhost-dev.pfx");
        if (File.Exists(path) && IsUsable(path)) return path;

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server auth
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));

        Directory.CreateDirectory(directory);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static bool IsUsable(string path)
    {
        try
        {
            using var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            return existing.NotAfter > DateTime.Now.AddDays(7);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
