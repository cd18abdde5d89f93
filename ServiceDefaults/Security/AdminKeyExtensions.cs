using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Security;

public static class AdminKeyExtensions
{
    /// <summary>Binds <see cref="AdminKeyOptions"/>; a key that is set must be long enough, or the service does not start.</summary>
    public static IHostApplicationBuilder AddAdminKey(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(AdminKeyFilter))) return builder;
        builder.Services.AddOptions<AdminKeyOptions>()
            .BindConfiguration(AdminKeyOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.AdminKey) || o.AdminKey.Length >= AdminKeyOptions.MinimumLength,
                $"Platform:AdminKey must be at least {AdminKeyOptions.MinimumLength} characters.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<AdminKeyGate>();
        builder.Services.TryAddSingleton<AdminKeyFilter>();
        return builder;
    }

    /// <summary>Every endpoint of the group answers only to the platform admin key.</summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, AdminKeyFilter>()
            .WithMetadata(new AdminKeyRequiredMetadata());
}
