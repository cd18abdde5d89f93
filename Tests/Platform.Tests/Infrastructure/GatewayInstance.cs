using Platform.LocalInfra;

namespace Platform.Tests.Infrastructure;

/// <summary>One running gateway process: its plain-HTTP and HTTPS addresses, and clients of it.</summary>
public sealed record GatewayInstance(ProjectProcess Process, Uri Https, DevCertificates Certificates)
{
    public Uri Http => Process.BaseAddress;

    /// <summary>A client over HTTPS trusting the test CA; redirects are not followed.</summary>
    public HttpClient CreateClient() => new(Certificates.CreateHandler()) { BaseAddress = Https };
}
