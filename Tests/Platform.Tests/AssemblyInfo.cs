using Platform.Tests.Infrastructure;

// One set of real servers for the whole run; each test class isolates itself inside them.
[assembly: AssemblyFixture(typeof(PlatformServers))]
