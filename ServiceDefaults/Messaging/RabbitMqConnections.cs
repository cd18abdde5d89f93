using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>Helpers for the plain RabbitMQ.Client connections kept beside MassTransit's.</summary>
internal static class RabbitMqConnections
{
    /// <summary>Closes a channel and its connection that may already be broken; a broken one has nothing left to close.</summary>
    public static async Task CloseQuietlyAsync(IChannel? channel, IConnection? connection)
    {
        try
        {
            if (channel is not null) await channel.DisposeAsync();
            if (connection is not null) await connection.DisposeAsync();
        }
        catch (Exception ex) when (ex is AlreadyClosedException or IOException or OperationCanceledException)
        {
            // Already broken.
        }
    }
}
