using MassTransit;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

public static class DeliveryExtensions
{
    /// <summary>Which delivery of its message this is: 1 for the first, n + 1 after n delayed redeliveries (immediate retries happen within a delivery).</summary>
    public static int Delivery(this ConsumeContext context) =>
        context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var basic) ? RedeliveryScheduler.RedeliveryCount(basic.Properties) + 1 : 1;
}
