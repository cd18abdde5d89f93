using Platform.ServiceDefaults.Security;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Observability.Data;
using Platform.Observability.DeadLetters;

namespace Platform.Observability.Apis.DeadLetters;

/// <summary>
/// Operators' view of the dead-letter archive, exposed by the gateway under
/// <c>/v1/admin/dlq</c>: list, stats, one message, retry one or a filtered batch, discard, cleanup.
/// </summary>
public static class DeadLetterApi
{
    private const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapDeadLetterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/admin/dlq").WithTags("Dead letters").RequireAdminKey();
        api.MapGet("/", List).WithSummary("Dead letters, newest failure first, filtered by queue, message type, tenant, since and resolved.");
        api.MapGet("/stats", Stats).WithSummary("Counts per queue, message type and reason; oldest unresolved age; resolution rate.");
        api.MapGet("/{id:long}", Get).WithSummary("One dead letter with its headers and body.");
        api.MapPost("/{id:long}/retry", RetryOne).WithSummary("Re-publishes the message to its original queue with its original id and marks it resolved.");
        api.MapPost("/retry", RetryBatch).WithSummary("Retries every unresolved dead letter matching the filter (at most DeadLetters:MaxBatchRetry per call).");
        api.MapPost("/{id:long}/discard", Discard).WithSummary("Marks the dead letter resolved without re-publishing it; a note is required.");
        api.MapDelete("/", Cleanup).WithSummary("Deletes resolved dead letters resolved more than olderThanDays ago (default DeadLetters:CleanupAfterDays).");
        return app;
    }

    private static async Task<Results<Ok<DeadLetterPage>, ProblemHttpResult>> List(
        ObservabilityDbContext db, string? queue, string? messageType, string? tenant, DateTimeOffset? since, bool? resolved,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = (page ?? 1, pageSize ?? 50);
        if (p < 1 || size is < 1 or > MaxPageSize)
            return BadRequest("Invalid paging", $"'page' must be 1 or more and 'pageSize' between 1 and {MaxPageSize}.");
        var query = Apply(db.DeadLetters.AsNoTracking(), new DeadLetterFilter(queue, messageType, tenant, since, resolved));
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(d => d.FailedAt).ThenByDescending(d => d.Id)
            .Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new DeadLetterPage(items.Select(Summarize).ToList(), p, size, total));
    }

    private static async Task<Ok<DeadLetterStats>> Stats(ObservabilityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var letters = db.DeadLetters.AsNoTracking();
        var total = await letters.CountAsync(cancellationToken);
        var unresolved = await letters.CountAsync(d => !d.Resolved, cancellationToken);
        var oldest = await letters.Where(d => !d.Resolved).MinAsync(d => (DateTimeOffset?)d.FailedAt, cancellationToken);
        var byQueue = await letters.GroupBy(d => d.Queue)
            .Select(g => new DeadLetterCount(g.Key, g.Count(), g.Count(d => !d.Resolved))).ToListAsync(cancellationToken);
        var byType = await letters.GroupBy(d => d.MessageType ?? "(unknown)")
            .Select(g => new DeadLetterCount(g.Key, g.Count(), g.Count(d => !d.Resolved))).ToListAsync(cancellationToken);
        var byReason = await letters.GroupBy(d => d.Reason)
            .Select(g => new DeadLetterCount(g.Key, g.Count(), g.Count(d => !d.Resolved))).ToListAsync(cancellationToken);
        return TypedResults.Ok(new DeadLetterStats(
            total, unresolved, total - unresolved,
            total == 0 ? 0 : Math.Round((double)(total - unresolved) / total, 4),
            oldest is { } at ? Math.Round((time.GetUtcNow() - at).TotalSeconds, 1) : null,
            byQueue.OrderByDescending(c => c.Total).ToList(),
            byType.OrderByDescending(c => c.Total).ToList(),
            byReason.OrderByDescending(c => c.Total).ToList()));
    }

    private static async Task<Results<Ok<DeadLetterDetail>, ProblemHttpResult>> Get(long id, ObservabilityDbContext db, CancellationToken cancellationToken)
    {
        var letter = await db.DeadLetters.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (letter is null) return NotFound(id);
        var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(letter.Headers) ?? [];
        var (encoding, body) = BodyText(letter.Body);
        return TypedResults.Ok(new DeadLetterDetail(Summarize(letter), letter.StackTrace, headers, letter.ContentType, encoding, body, letter.Body.Length));
    }

    private static async Task<Results<Ok<DeadLetterSummary>, ProblemHttpResult>> RetryOne(
        long id, ObservabilityDbContext db, DeadLetterRetrier retrier, TimeProvider time, CancellationToken cancellationToken)
    {
        var letter = await db.DeadLetters.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (letter is null) return NotFound(id);
        if (letter.Resolved) return AlreadyResolved(letter);
        try
        {
            await retrier.RepublishAsync(letter, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The broker did not accept the message",
                detail: $"Dead letter {id} could not be re-published to '{letter.OriginalQueue}': {ex.GetBaseException().Message}. It stays unresolved.");
        }
        Resolve(letter, DeadLetterResolutions.Retried, null, time);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Summarize(letter));
    }

    private static async Task<Ok<RetryResult>> RetryBatch(
        DeadLetterFilter filter, ObservabilityDbContext db, DeadLetterRetrier retrier, TimeProvider time,
        IOptions<DeadLetterOptions> options, CancellationToken cancellationToken)
    {
        var letters = await Apply(db.DeadLetters, filter with { Resolved = false })
            .OrderBy(d => d.FailedAt).Take(options.Value.MaxBatchRetry).ToListAsync(cancellationToken);
        var (retried, failed) = (new List<long>(), new List<long>());
        foreach (var letter in letters)
        {
            try
            {
                await retrier.RepublishAsync(letter, cancellationToken);
                Resolve(letter, DeadLetterResolutions.Retried, null, time);
                retried.Add(letter.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed.Add(letter.Id);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new RetryResult(retried, failed));
    }

    private static async Task<Results<Ok<DeadLetterSummary>, ProblemHttpResult>> Discard(
        long id, DiscardRequest request, ObservabilityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Note) || request.Note.Length > DeadLetterConfiguration.MaxNotes)
            return BadRequest("A note is required", $"'note' must say why the message is discarded (1 to {DeadLetterConfiguration.MaxNotes} characters).");
        var letter = await db.DeadLetters.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (letter is null) return NotFound(id);
        if (letter.Resolved) return AlreadyResolved(letter);
        Resolve(letter, DeadLetterResolutions.Discarded, request.Note.Trim(), time);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Summarize(letter));
    }

    private static async Task<Results<Ok<CleanupResult>, ProblemHttpResult>> Cleanup(
        int? olderThanDays, ObservabilityDbContext db, TimeProvider time, IOptions<DeadLetterOptions> options, CancellationToken cancellationToken)
    {
        var days = olderThanDays ?? options.Value.CleanupAfterDays;
        if (days is < 0 or > 3650) return BadRequest("Invalid olderThanDays", "'olderThanDays' must be between 0 and 3650.");
        var cutoff = time.GetUtcNow().AddDays(-days);
        var deleted = await db.DeadLetters.Where(d => d.Resolved && d.ResolvedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.Ok(new CleanupResult(deleted, cutoff));
    }

    private static IQueryable<DeadLetter> Apply(IQueryable<DeadLetter> query, DeadLetterFilter filter)
    {
        if (!string.IsNullOrEmpty(filter.Queue)) query = query.Where(d => d.Queue == filter.Queue || d.OriginalQueue == filter.Queue);
        if (!string.IsNullOrEmpty(filter.MessageType)) query = query.Where(d => d.MessageType == filter.MessageType);
        if (!string.IsNullOrEmpty(filter.Tenant)) query = query.Where(d => d.TenantId == filter.Tenant);
        if (filter.Since is { } since) query = query.Where(d => d.FailedAt >= since);
        if (filter.Resolved is { } resolved) query = query.Where(d => d.Resolved == resolved);
        return query;
    }

    private static void Resolve(DeadLetter letter, string resolution, string? note, TimeProvider time)
    {
        letter.Resolved = true;
        letter.ResolvedAt = time.GetUtcNow();
        letter.Resolution = resolution;
        if (note is not null) letter.Notes = note;
    }

    private static DeadLetterSummary Summarize(DeadLetter d) => new(
        d.Id, d.MessageId, d.Queue, d.OriginalQueue, d.MessageType, d.TenantId, d.Reason, d.ExceptionType, d.ExceptionMessage,
        d.RetryCount, d.RedeliveryCount, d.FailedAt, d.ArchivedAt, d.Resolved, d.ResolvedAt, d.Resolution, d.Notes);

    private static (string Encoding, string Body) BodyText(byte[] body)
    {
        try
        {
            return ("utf-8", new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body));
        }
        catch (DecoderFallbackException)
        {
            return ("base64", Convert.ToBase64String(body));
        }
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such dead letter", detail: $"There is no dead letter with id {id}.");

    private static ProblemHttpResult AlreadyResolved(DeadLetter letter) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already resolved",
            detail: $"Dead letter {letter.Id} was {letter.Resolution} at {letter.ResolvedAt:O}.");

    private static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);
}
