using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// A development CA and gateway certificate made by <c>infra/certs/create-dev-certs.sh</c> (the
/// script operators use), once per test run; clients trust that CA and nothing else.
/// </summary>
public sealed class DevCertificates
{
    private DevCertificates(string directory)
    {
        Directory = directory;
        Authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, "ca.crt"));
    }

    public string Directory { get; }

    public string CertificatePath => Path.Combine(Directory, "gateway-chain.crt");

    public string KeyPath => Path.Combine(Directory, "gateway.key");

    public X509Certificate2 Authority { get; }

    /// <summary>Runs the script into <paramref name="directory"/>; the names the tests use (tenant subdomains) are added.</summary>
    public static DevCertificates Create(string repositoryRoot, string directory)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(repositoryRoot, "infra/certs/create-dev-certs.sh"), directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CERT_HOSTS"] = "*.tenants.test" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"create-dev-certs.sh failed ({process.ExitCode}): {error}{output.Result}");
        return new DevCertificates(directory);
    }

    /// <summary>A handler that accepts exactly the certificates this CA issued (name checked too).</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { Authority },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    };
}
