using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// Work a consumer wants done only once its delivery's inbox transaction has committed, such as
/// counting what it did in a metric. A delivery can be applied more than once before one attempt
/// commits (its shared batch rolled back for a neighbour's failure, or a commit failed), so an
/// effect outside the database that runs inside the consumer may repeat; one added here runs once,
/// after the attempt that committed. Outside an inbox (a consumer without reliable messaging, or a
/// caller that is not a consumer) there is nothing to wait for, and the work runs at once.
/// </summary>
public sealed partial class AfterInboxCommit(ILogger<AfterInboxCommit> logger)
{
    private readonly List<Action> _pending = [];
    private bool _deferring;

    public void Add(Action work)
    {
        if (_deferring) _pending.Add(work);
        else work();
    }

    /// <summary>An attempt to apply the delivery starts: what an earlier attempt added is void.</summary>
    internal void BeginAttempt()
    {
        _deferring = true;
        _pending.Clear();
    }

    /// <summary>
    /// The delivery is done: run what the committed attempt added, or drop it. The delivery has
    /// committed by then, so a failing piece of work is logged, not thrown: a throw would fail a
    /// delivery that succeeded, and its redelivery would only find the inbox row.
    /// </summary>
    internal void End(bool committed)
    {
        _deferring = false;
        var pending = _pending.ToArray();
        _pending.Clear();
        if (!committed) return;
        foreach (var work in pending)
        {
            try
            {
                work();
            }
            catch (Exception ex)
            {
                LogWorkFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "Work to run after an inbox commit failed; the delivery itself committed")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception);
}
