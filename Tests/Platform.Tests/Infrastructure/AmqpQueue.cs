using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Tests.Infrastructure;

/// <summary>A queue's depth and consumer count straight from the broker (a passive declare).</summary>
public static class AmqpQueue
{
    /// <returns>Messages ready and consumers attached; both 0 when the queue does not exist (yet).</returns>
    public static async Task<(uint Messages, uint Consumers)> InspectAsync(string amqpUri, string queue)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync(cancel);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancel);
        try
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue, cancel);
            return (declared.MessageCount, declared.ConsumerCount);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return (0, 0);
        }
    }
}
