using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Platform.LocalInfra;

namespace Platform.Benchmarks.Gateway;

/// <summary>
/// A gateway process for a benchmark, wired to the services it is given, over HTTPS with the
/// development CA that infra/certs makes; clients that trust that CA; a tenant and its API key.
/// </summary>
internal sealed record BenchGateway(ProjectProcess Process, Uri Url) : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key-0123456789abcdef0123456789";

    /// <summary>Inline I/O (ServiceDefaults/Hosting/InlineIo.cs), set as the AppHost sets it: the gateway and the prediction service.</summary>
    public const string InlineIo = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    public static async Task<BenchGateway> StartAsync(string root, string directory, string name, IReadOnlyDictionary<string, string?> common,
        IReadOnlyDictionary<string, Uri> services, string certificates, IReadOnlyDictionary<string, string?> extra)
    {
        // As the AppHost and the manifest run it; a variant may override it.
        var environment = new Dictionary<string, string?>(common) { [InlineIo] = "1" };
        foreach (var (service, address) in services) environment[$"services__{service}__http__0"] = address.ToString();
        foreach (var (key, value) in extra) environment[key] = value;
        var https = HttpsOnFreePort(certificates);
        var process = await ProjectProcess.StartAsync(name, RepositoryLayout.ProjectAssembly(root, "Gateway", "Platform.Gateway", "Release"), environment,
            Path.Combine(directory, name + ".log"), https: https);
        return new BenchGateway(process, https.Address);
    }

    /// <summary>An HTTPS endpoint on a free port serving the one development certificate every proxy under test gets.</summary>
    public static HttpsEndpoint HttpsOnFreePort(string certificates) =>
        new(FreePort.Next(), Path.Combine(certificates, "gateway-chain.crt"), Path.Combine(certificates, "gateway.key"));

    /// <summary>Makes the development CA and certificate in <paramref name="directory"/> with infra/certs/create-dev-certs.sh.</summary>
    public static void Certificates(string root, string directory)
    {
        using var process = System.Diagnostics.Process.Start("bash", [Path.Combine(root, "infra/certs/create-dev-certs.sh"), directory]);
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("infra/certs/create-dev-certs.sh failed");
    }

    /// <summary>A client trusting only the development CA, with <paramref name="key"/> as its API key (none when empty).</summary>
    public static HttpClient Client(Uri address, string certificates, string key)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certificates, "ca.crt"));
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { authority }, RevocationMode = X509RevocationMode.NoCheck },
            },
        };
        var client = new HttpClient(handler) { BaseAddress = address };
        if (key.Length > 0) client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    /// <summary>Creates (or finds) an enterprise tenant through this gateway's admin routes and returns a new API key of it.</summary>
    public async Task<string> TenantKeyAsync(string certificates, string tenant)
    {
        using var admin = Client(Url, certificates, "");
        admin.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        using (var created = await admin.PostAsJsonAsync("/v1/admin/tenants", new { id = tenant, name = "Bench clinic", tier = "enterprise" }))
        {
            if (!created.IsSuccessStatusCode && created.StatusCode != System.Net.HttpStatusCode.Conflict)
                throw new InvalidOperationException($"creating the tenant: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }
        using var key = await admin.PostAsJsonAsync($"/v1/admin/tenants/{tenant}/api-keys", new { name = "bench" });
        return (await key.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }
}
