using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Security;

/// <summary>Lets a request through only with the platform admin key (<see cref="AdminKeyGate"/>).</summary>
internal sealed class AdminKeyFilter(AdminKeyGate gate) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        gate.Refuse(context.HttpContext.Request) ?? await next(context);
}
