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
        // The ports the cursor comes to next (other tests may move it too, so a whole block).
        var reserved = PortsAfter(FreePort.Next(), 40).Where(FreePort.IsFree).ToArray();
        FreePort.Reserve(reserved);

        var handedOut = Enumerable.Range(0, 10).Select(_ => FreePort.Next()).ToList();

        Assert.All(reserved, port => Assert.True(FreePort.IsFree(port)));
        Assert.Empty(handedOut.Intersect(reserved));
    }

    [Fact]
    public async Task A_port_another_process_has_handed_out_is_not_handed_out_here_though_it_is_still_free()
    {
        var claimed = PortsAfter(FreePort.Next(), 40).Where(FreePort.IsFree).ToArray();
        // Another process claims them the way FreePort does (flock on the port's claim file) and
        // holds them until it is killed, as an AppHost holds its services' ports.
        var script = $"for p in {string.Join(' ', claimed)}; do exec {{fd}}>\"$0/$p.claim\"; flock -n $fd || exit 3; done; echo held; exec sleep 120";
        Directory.CreateDirectory(FreePort.ClaimDirectory);
        using var holder = Process.Start(new ProcessStartInfo("bash", ["-c", script, FreePort.ClaimDirectory]) { RedirectStandardOutput = true })!;
        try
        {
            Assert.Equal("held", await holder.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));

            var handedOut = Enumerable.Range(0, 10).Select(_ => FreePort.Next()).ToList();

            Assert.Empty(handedOut.Intersect(claimed));
            Assert.All(claimed, port => Assert.True(FreePort.IsFree(port)));
        }
        finally
        {
            holder.Kill();
            await holder.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_port_handed_out_here_is_held_against_other_processes_until_this_one_ends()
    {
        var port = FreePort.Next();

        // flock -n fails (exit 1) while another process holds the lock.
        using var probe = Process.Start(new ProcessStartInfo("flock", ["-n", Path.Combine(FreePort.ClaimDirectory, $"{port}.claim"), "true"]))!;
        await probe.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, probe.ExitCode);
    }

    /// <summary>The <paramref name="count"/> ports after <paramref name="port"/> in FreePort's order (it wraps round its range).</summary>
    private static IEnumerable<int> PortsAfter(int port, int count) =>
        Enumerable.Range(1, count).Select(i => FreePort.Lowest + (port - FreePort.Lowest + i) % FreePort.Count);

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
