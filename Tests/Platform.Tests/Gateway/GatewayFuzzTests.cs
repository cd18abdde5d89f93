using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;
using Platform.Tests.Tenancy;

namespace Platform.Tests.Gateway;

/// <summary>
/// Bad input against the whole running platform through the gateway: every public route (read
/// from the gateway's own route table) with malformed bodies, headers, paths and queries, under
/// every kind of credential; broken HTTP on a raw socket; a slow client; oversized bodies. Never a
/// 5xx, never a hang, and every 4xx the platform writes is a problem document.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayFuzzTests(PlatformFixture fixture, PlatformServers servers) : TenancyTestBase(fixture)
{
    [Fact]
    public async Task Every_public_route_answers_malformed_input_with_a_4xx_problem_never_a_5xx()
    {
        // A tenant of its own with the largest burst, so the fuzzing reaches the services instead of the limiter.
        var tenant = TestTags.New("fuzz");
        await Tenancy.CreateTenantAsync(tenant, "enterprise");
        var key = await Tenancy.CreateKeyAsync(tenant);
        var credentials = new (string Name, Action<HttpRequestMessage> Apply)[]
        {
            ("none", _ => { }),
            ("tenant key", r => r.Headers.Add("X-API-Key", key)),
            ("admin key", r => r.Headers.Add("X-Admin-Key", TestSecrets.AdminKey)),
        };

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var cases = PublicPaths(servers.RepositoryRoot)
            .SelectMany(path => Inputs().Select(input => (path, input)))
            .SelectMany(c => credentials.Select(credential => (c.path, c.input, credential)))
            .ToList();
        using var client = Fixture.Platform.CreateGatewayClient();
        client.Timeout = TimeSpan.FromSeconds(20);
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Cancel }, async (c, ct) =>
        {
            using var request = c.input.Build(c.path);
            c.credential.Apply(request);
            using var response = await client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status >= 500 || (status >= 400 && mediaType != "application/problem+json"))
                failures.Add($"{request.Method} {request.RequestUri} [{c.input.Name}, {c.credential.Name}] -> {status} {mediaType}");
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} requests:\n{string.Join('\n', failures.Take(40))}");
        Assert.True(cases.Count > 1000, $"only {cases.Count} cases");
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("GET /v1/tenant HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n")]
    [InlineData("GET /v1/tenant HTTP/1.1\r\nHost: x\r\nX-API-Key: a\0b\r\n\r\n")]
    [InlineData("GET /v1/tenant HTTP/9.9\r\nHost: x\r\n\r\n")]
    [InlineData("GET /v1/tenant%00/..%2f HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /v1/\u00ff\u0001 HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("POST /v1/budgets HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n")]
    [InlineData("POST /v1/budgets HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n")]
    public async Task Broken_http_is_answered_with_4xx_or_a_closed_connection_and_the_gateway_stays_up(string raw)
    {
        var (status, _) = await RawAsync(Encoding.Latin1.GetBytes(raw), TimeSpan.FromSeconds(5));
        // 505 is HTTP's own answer to a version it does not speak (RFC 9110 15.6.6), from Kestrel before any app code.
        Assert.True(status is null or (>= 400 and < 500) || (status == 505 && raw.Contains("HTTP/9.9", StringComparison.Ordinal)), $"status {status}");
        using var health = await Fixture.Gateway.GetAsync("/alive", Cancel);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_header_block_of_100_kb_gets_431_or_400()
    {
        var raw = $"GET /v1/tenant HTTP/1.1\r\nHost: x\r\nX-Padding: {new string('a', 100_000)}\r\n\r\n";
        var (status, _) = await RawAsync(Encoding.ASCII.GetBytes(raw), TimeSpan.FromSeconds(5));
        Assert.True(status is 431 or 400 or null, $"status {status}");
    }

    [Fact]
    public async Task A_client_that_stalls_in_its_headers_is_disconnected_after_the_headers_timeout()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (status, closed) = await RawAsync(Encoding.ASCII.GetBytes("GET /v1/tenant HTTP/1.1\r\nHost: x\r\n"), TimeSpan.FromSeconds(15));
        Assert.True(closed, "the connection was not closed");
        Assert.True(status is null or 408, $"status {status}");
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 10); // the test gateway's RequestHeadersTimeout is 2 s
    }

    [Fact]
    public async Task Bodies_over_the_route_limit_get_413_declared_or_streamed_and_are_not_forwarded()
    {
        var big = new string('x', 2 * 1024 * 1024);
        using (var declared = await Fixture.TenantGateway.PostAsync("/v1/budgets", new StringContent(big, Encoding.UTF8, "application/json"), Cancel))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
            await Problem.ReadAsync(declared);
        }
        using var streamedRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/budgets") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) };
        streamedRequest.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        streamedRequest.Headers.TransferEncodingChunked = true;
        using var streamed = await Fixture.TenantGateway.SendAsync(streamedRequest, Cancel);
        Assert.InRange((int)streamed.StatusCode, 400, 499);
    }

    [Fact]
    public async Task The_request_log_names_credentials_but_never_their_values_nor_the_query()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tenant?token=query-secret-value");
        request.Headers.Add("X-Admin-Key", TestSecrets.AdminKey);
        using var response = await Fixture.TenantGateway.SendAsync(request, Cancel);
        var log = Path.Combine(servers.RunDirectory, "logs", Fixture.Platform.Tag, "gateway.log");
        var line = await Eventually.Until(async () => (await ReadSharedAsync(log)).Split('\n').LastOrDefault(l => l.Contains("GET /v1/tenant", StringComparison.Ordinal) && l.Contains("X-API-Key,X-Admin-Key", StringComparison.Ordinal)),
            l => l is not null, TimeSpan.FromSeconds(5), "the request logged");
        Assert.Contains(Fixture.TenantId, line!, StringComparison.Ordinal);
        var all = await ReadSharedAsync(log);
        Assert.DoesNotContain(TestSecrets.AdminKey, all, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret-value", all, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.TenantGateway.DefaultRequestHeaders.GetValues("X-API-Key").Single(), all, StringComparison.Ordinal);
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(Cancel);
    }

    /// <summary>
    /// Sends raw bytes to the gateway's HTTPS port (TLS trusting the test CA, so the request reaches
    /// the routes rather than the redirect) and reads until the server closes or the time is up:
    /// the status line's code, if any, and whether the server closed. Silence until the end is a hang.
    /// </summary>
    private async Task<(int? Status, bool Closed)> RawAsync(byte[] request, TimeSpan timeout)
    {
        var address = Fixture.Platform.GatewayHttps;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Cancel);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            CertificateChainPolicy = servers.Certificates.CreateHandler().SslOptions.CertificateChainPolicy,
        }, Cancel);
        try
        {
            await tls.WriteAsync(request, Cancel);
            await tls.FlushAsync(Cancel);
        }
        catch (IOException)
        {
            // The server refused and closed before the whole request was sent (a 100 KB header
            // block is refused at 32 KB): a broken pipe here is its answer; what it wrote is read below.
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        cts.CancelAfter(timeout);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await tls.ReadAsync(buffer, cts.Token)) > 0) received.Write(buffer, 0, read);
            return (StatusOf(received), true);
        }
        catch (OperationCanceledException) when (!Cancel.IsCancellationRequested)
        {
            Assert.True(received.Length > 0, $"no answer and no close within {timeout.TotalSeconds} s: the gateway hung");
            return (StatusOf(received), false);
        }
        catch (IOException)
        {
            return (StatusOf(received), true);
        }
    }

    private static int? StatusOf(MemoryStream received)
    {
        var text = Encoding.Latin1.GetString(received.ToArray());
        return text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(text.AsSpan(9, 3), out var status) ? status : null;
    }

    /// <summary>Concrete paths for every route in the gateway's configuration, and the gateway's own admin API.</summary>
    private static IEnumerable<string> PublicPaths(string root)
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "Gateway", "appsettings.json")));
        foreach (var route in settings.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").EnumerateObject())
        {
            var template = route.Value.GetProperty("Match").GetProperty("Path").GetString()!;
            var prefix = template.Replace("/{**rest}", "", StringComparison.Ordinal);
            yield return prefix;
            yield return prefix + "/00000000-0000-0000-0000-000000000000";
            yield return prefix + "/no-such-thing/deeper";
        }
        yield return "/v1/admin/gateway/blocked-addresses";
        yield return "/v1/admin/gateway/blocked-addresses/not-an-ip";
        yield return "/v1/admin/gateway/abuse-flags/not-a-guid";
        yield return "/v1/no-such-area";
    }

    private sealed record Input(string Name, Func<string, HttpRequestMessage> Build);

    private static IEnumerable<Input> Inputs()
    {
        static HttpRequestMessage With(HttpMethod method, string path, HttpContent? content = null) => new(method, path) { Content = content };
        static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
        var deep = new string('[', 5000) + new string(']', 5000);

        yield return new("get", p => With(HttpMethod.Get, p));
        yield return new("bad query", p => With(HttpMethod.Get, p + "?page=-1&pageSize=999999999&since=not-a-date&from=2026-13-45&groupBy=%00&status=%ff"));
        yield return new("encoded traversal", p => With(HttpMethod.Get, p + "/..%2f..%2fadmin"));
        yield return new("long segment", p => With(HttpMethod.Get, p + "/" + new string('a', 4000)));
        yield return new("bad headers", p =>
        {
            var r = With(HttpMethod.Get, p);
            r.Headers.TryAddWithoutValidation("X-Tenant-ID", "../../etc/passwd");
            r.Headers.TryAddWithoutValidation("traceparent", "00-zz-yy-01");
            r.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 300));
            r.Headers.TryAddWithoutValidation("Accept", "*/*;q=banana");
            return r;
        });
        yield return new("huge key", p =>
        {
            var r = With(HttpMethod.Get, p);
            r.Headers.TryAddWithoutValidation("Authorization", "Bearer pk_" + new string('z', 6000));
            return r;
        });
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch })
        {
            yield return new($"{method} truncated json", p => With(method, p, Json("{\"name\": \"x\", \"amount\": ")));
            yield return new($"{method} wrong types", p => With(method, p, Json("{\"id\": 5, \"name\": [], \"tier\": {}, \"amount\": \"ten\", \"period\": true, \"thresholds\": \"all\"}")));
            yield return new($"{method} array", p => With(method, p, Json("[1,2,3]")));
            yield return new($"{method} null", p => With(method, p, Json("null")));
            yield return new($"{method} deep nesting", p => With(method, p, Json(deep)));
            yield return new($"{method} extreme numbers", p => With(method, p, Json("{\"name\":\"n\",\"period\":\"monthly\",\"amount\":1e400,\"units\":-9223372036854775809}")));
            yield return new($"{method} binary", p => With(method, p, new ByteArrayContent([0xff, 0xfe, 0x00, 0x01, 0x80])));
            yield return new($"{method} wrong content type", p => With(method, p, new StringContent("<xml/>", Encoding.UTF8, "application/xml")));
        }
        yield return new("delete", p => With(HttpMethod.Delete, p));
        yield return new("delete with body", p => With(HttpMethod.Delete, p, Json("{")));
    }
}
