using Platform.Contracts;
using Platform.LocalInfra;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Tests.Unit;

public sealed class ParsingTests
{
    [Fact]
    public void An_aspire_style_amqp_uri_yields_host_port_vhost_and_credentials()
    {
        var address = RabbitMqAddress.Parse("amqp://svc%40user:p%3Ass@broker.local:5673/tenant%2Fvhost");

        Assert.Equal(new RabbitMqAddress("broker.local", 5673, "tenant/vhost", "svc@user", "p:ss"), address);
    }

    [Fact]
    public void An_amqp_uri_without_port_path_or_credentials_uses_the_rabbitmq_defaults()
    {
        Assert.Equal(new RabbitMqAddress("localhost", 5672, "/", "guest", "guest"), RabbitMqAddress.Parse("amqp://localhost"));
    }

    [Theory]
    [InlineData("localhost:5672")]
    [InlineData("http://localhost:5672/")]
    [InlineData("")]
    public void A_connection_string_that_is_not_an_amqp_uri_is_refused_with_an_example(string value)
    {
        var error = Assert.Throws<FormatException>(() => RabbitMqAddress.Parse(value));
        Assert.Contains("amqp://", error.Message);
    }

    [Fact]
    public void The_local_infra_and_servicedefaults_agree_on_the_amqp_uri_format()
    {
        var endpoint = new RabbitMqEndpoint("127.0.0.1", 35672, new Uri("http://127.0.0.1:15672/"), "guest", "g:uest");

        var parsed = RabbitMqAddress.Parse(endpoint.ConnectionString("test-vhost"));

        Assert.Equal(new RabbitMqAddress("127.0.0.1", 35672, "test-vhost", "guest", "g:uest"), parsed);
        Assert.Equal(endpoint with { }, RabbitMqEndpoint.Parse(endpoint.ConnectionString(), "http://127.0.0.1:15672/"));
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("acme-clinic-01", true)]
    [InlineData("ab", false)]
    [InlineData("-acme", false)]
    [InlineData("acme-", false)]
    [InlineData("Acme", false)]
    [InlineData("acme_clinic", false)]
    [InlineData("../etc", false)]
    [InlineData(TenantIds.Platform, true)]
    [InlineData(null, false)]
    public void Tenant_ids_are_dns_style_slugs(string? value, bool valid) => Assert.Equal(valid, TenantIdFormat.IsValid(value));

    [Fact]
    public void Tenant_ids_may_have_at_most_63_characters()
    {
        Assert.True(TenantIdFormat.IsValid(new string('a', 63)));
        Assert.False(TenantIdFormat.IsValid(new string('a', 64)));
    }
}
