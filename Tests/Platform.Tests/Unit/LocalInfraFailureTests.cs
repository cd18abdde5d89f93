using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Platform.LocalInfra;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Unit;

/// <summary>Bad situations end in one clear line and leave nothing running.</summary>
public sealed class LocalInfraFailureTests(PlatformServers servers)
{
    [Fact]
    public async Task A_busy_port_is_refused_with_the_resource_and_port_named()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InfraException>(() =>
            RedisServer.StartAsync(Path.Combine(servers.RunDirectory, "busy"), servers.RepositoryRoot, port, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("redis", error.Resource);
        Assert.Contains($"port {port} is already in use", error.Message);
    }

    [Fact]
    public void A_missing_binary_names_the_package_to_install()
    {
        var error = Assert.Throws<InfraException>(() => Executables.Require("search", "no-such-binary-xyz", "no-such-package"));

        Assert.Contains("sudo apt-get install -y no-such-package", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_app_that_crashes_at_startup_fails_fast_with_its_exit_code_and_leaves_no_process()
    {
        var assembly = servers.ProjectAssembly(PlatformProject.Observability);
        var log = Path.Combine(servers.RunDirectory, "logs", "crash.log");
        var clock = Stopwatch.StartNew();

        var marker = ProcessScan.NewMarker();

        // No connection strings: the service refuses to start and says which setting is missing.
        var error = await Assert.ThrowsAsync<InfraException>(() => ProjectProcess.StartAsync(
            "observability", assembly, new Dictionary<string, string?> { [ProcessScan.MarkerVariable] = marker }, log,
            timeout: TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Contains("exited with code", error.Message);
        Assert.Contains("ConnectionStrings", await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken));
        Assert.Empty(ProcessScan.WithMarker(marker));
    }

    [Fact]
    public async Task Stopping_a_process_tree_stops_its_children_too()
    {
        var log = Path.Combine(servers.RunDirectory, "logs", "tree.log");
        var parent = ExternalProcess.Start("tree", "/bin/sh", ["-c", "sleep 300 & sleep 300 & wait"], log);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var children = Descendants(parent.Id);

        await parent.DisposeAsync();

        Assert.Equal(2, children.Count);
        Assert.All(children, pid => Assert.False(File.Exists($"/proc/{pid}/cmdline") && CommandLine(pid).Length > 0, $"child {pid} survived"));
    }

    private static List<int> Descendants(int pid) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0)
            .Where(p => p > 0 && ParentOf(p) == pid)];

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
    }
}
