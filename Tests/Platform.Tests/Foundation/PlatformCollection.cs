namespace Platform.Tests.Foundation;

/// <summary>Test classes in this collection share one running platform (seven processes).</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
