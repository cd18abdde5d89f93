using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;
using Platform.ServiceDefaults.Hosting;

namespace Platform.Prediction.Predictions;

/// <summary>
/// 200 with a large JSON body (a 1,000-row batch answers ~250 KB) serialized in one synchronous
/// pass into the response's pooled pipe and flushed once. <c>TypedResults.Ok</c> streams: it
/// flushes every few KB, waiting for the socket each time, and a body that size never gets the
/// source-generated serializer's fast path.
/// </summary>
public sealed class BufferedJsonOk<T>(T value, JsonTypeInfo<T> typeInfo) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<T>
{
    public T Value => value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        // Hundreds of KB serialized in one pass: not on a socket's polling thread.
        await InlineIo.LeavePollingThread();
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter)) JsonSerializer.Serialize(writer, value, typeInfo);
        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
