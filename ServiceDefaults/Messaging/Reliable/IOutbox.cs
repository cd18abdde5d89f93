namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// Publishes through the service's database: the event is stored with the next SaveChanges (in
/// its transaction) and delivered after the commit. A rollback publishes nothing.
/// </summary>
public interface IOutbox
{
    /// <summary>Stages <paramref name="message"/>; returns the message id consumers will see.</summary>
    Guid Publish<T>(T message) where T : class;
}
