using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Tenancy;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>Problem details, tenant context and HTTP client defaults as every service gets them.</summary>
public sealed class ServiceDefaultsTests : IAsyncLifetime
{
    private InProcessApp _app = null!;
    private int _flakyCalls;
    private int _failuresBeforeSuccess;

    public async ValueTask InitializeAsync()
    {
        _app = await InProcessApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["Resilience:Http:RetryBaseDelay"] = "00:00:00.010",
                ["Resilience:Http:BreakerMinimumThroughput"] = "100",
            },
            app =>
            {
                app.MapPost("/orders", (OrderRequest order) => TypedResults.Ok(order));
                app.MapGet("/boom", string () => throw new InvalidOperationException("secret internal detail"));
                app.MapGet("/echo", (HttpRequest request) => TypedResults.Ok(new EchoResponse(
                    request.Headers[TenantHeaders.TenantId].ToString(),
                    request.Headers["traceparent"].ToString())));
                app.MapGet("/call-self", async (IHttpClientFactory factory) =>
                {
                    using var client = factory.CreateClient("self");
                    return TypedResults.Ok(await client.GetFromJsonAsync<EchoResponse>("http://self/echo"));
                });
                app.MapMethods("/flaky", ["GET", "POST"], () =>
                    Interlocked.Increment(ref _flakyCalls) <= _failuresBeforeSuccess ? Results.StatusCode(503) : Results.Ok());
            });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Unknown_path_and_wrong_method_get_problem_details()
    {
        using var client = _app.CreateClient();

        using var notFound = await client.GetAsync("/nothing-here", TestContext.Current.CancellationToken);
        using var wrongMethod = await client.DeleteAsync("/orders", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        await Problem.ReadAsync(notFound);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        await Problem.ReadAsync(wrongMethod);
    }

    [Fact]
    public async Task Wrong_content_type_gets_a_415_problem()
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsync("/orders", new StringContent("id=1", Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await Problem.ReadAsync(response);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"id":"not-a-number","item":"x"}""")]
    [InlineData("")]
    public async Task Malformed_bodies_get_a_400_problem_that_names_the_parameter(string body)
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsync("/orders", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Contains("order", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_without_internals()
    {
        using var client = _app.CreateClient();

        using var response = await client.GetAsync("/boom", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("secret internal detail", body);
        Assert.DoesNotContain("InvalidOperationException", body);
    }

    [Fact]
    public async Task Outgoing_calls_resolve_service_names_and_carry_the_tenant_and_trace()
    {
        using var client = _app.CreateClient();
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/call-self");
        request.Headers.Add(TenantHeaders.TenantId, "acme-clinic");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("acme-clinic", echo!.Tenant);
        Assert.Equal(traceId, echo.TraceParent.Split('-')[1]);
    }

    [Fact]
    public async Task Idempotent_requests_are_retried_after_transient_failures_and_unsafe_ones_are_not()
    {
        var factory = _app.Services.GetRequiredService<IHttpClientFactory>();
        using var client = factory.CreateClient("retry-test");
        client.BaseAddress = new Uri("http://self");

        _flakyCalls = 0;
        _failuresBeforeSuccess = 2;
        using var get = await client.GetAsync("/flaky", TestContext.Current.CancellationToken);
        var getCalls = _flakyCalls;

        _flakyCalls = 0;
        using var post = await client.PostAsync("/flaky", null, TestContext.Current.CancellationToken);
        var postCalls = _flakyCalls;

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(3, getCalls);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        Assert.Equal(1, postCalls);
    }

    [Fact]
    public async Task An_invalid_tenant_header_is_rejected_with_a_problem()
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Add(TenantHeaders.TenantId, "../../etc");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Problem.ReadAsync(response);
    }

    public sealed record OrderRequest(int Id, string Item);

    public sealed record EchoResponse(string Tenant, string TraceParent);
}
