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
    public void A_reserved_port_is_never_handed_out_though_nothing_has_bound_it_yet()
    {
        var reserved = FreePort.Next();
        FreePort.Reserve(reserved);

        // A whole turn of the range: without the reservation the free port would come round once.
        var handedOut = Enumerable.Range(0, 12_000).Select(_ => FreePort.Next()).ToHashSet();

        Assert.True(FreePort.IsFree(reserved));
        Assert.DoesNotContain(reserved, handedOut);
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

    [Fact]
    public async Task A_chatty_process_keeps_every_line_whole_in_its_log_its_tail_and_its_line_events()
    {
        var log = Path.Combine(servers.RunDirectory, "logs", "chatty.log");
        // Run alone, no other test has made the logs directory yet.
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        File.Delete(log);
        // 5,000 numbered lines on stdout and on stderr at once, one line longer than the copy
        // buffer, a Windows line ending and a last line without a newline.
        var script = "for i in $(seq 1 5000); do echo \"out $i\"; echo \"err $i\" >&2; done; "
            + "head -c 100000 /dev/zero | tr '\\0' x; echo; printf 'crlf\\r\\n'; printf 'no newline'";
        var lines = new List<string>();
        var process = ExternalProcess.Start("chatty", "/bin/sh", ["-c", script], log);
        process.OutputLine += line => { lock (lines) lines.Add(line); };
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        var written = await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken);
        foreach (var stream in new[] { "out", "err" })
        {
            // In order per stream, none torn apart by the other stream.
            var numbers = written.Where(l => l.StartsWith(stream + " ", StringComparison.Ordinal)).Select(l => int.Parse(l[4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(1, 5000), numbers);
        }
        // The long line may be written in pieces (with the other stream's lines between them), never lost.
        Assert.Equal(100_000, written.Where(l => l.Length > 0 && l.All(c => c == 'x')).Sum(l => l.Length));
        var stdout = written.Where(l => !l.StartsWith("err ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["crlf", "no newline"], stdout.TakeLast(2));
        var tail = process.Tail();
        Assert.Equal(200, tail.Count);
        lock (lines)
        {
            // The tail is the last 200 lines, whole and in order within each stream; how the two
            // streams interleave is the scheduler's (under load stderr's reader can finish last).
            foreach (var fromStderr in new[] { false, true })
            {
                var kept = tail.Where(l => l.StartsWith("err ", StringComparison.Ordinal) == fromStderr).ToList();
                Assert.Equal(lines.Where(l => l.StartsWith("err ", StringComparison.Ordinal) == fromStderr).TakeLast(kept.Count), kept);
            }
            Assert.True(tail[^1] is "no newline" or "err 5000", $"the tail ends with \"{tail[^1]}\", not with either stream's last line");
            Assert.Equal(Enumerable.Range(1, 5000).Select(i => $"out {i}"), lines.Where(l => l.StartsWith("out ", StringComparison.Ordinal)));
            Assert.Equal(10_000, lines.Count(l => l.StartsWith("out ", StringComparison.Ordinal) || l.StartsWith("err ", StringComparison.Ordinal)));
        }
        await process.DisposeAsync();
    }
}
