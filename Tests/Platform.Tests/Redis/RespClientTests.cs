using System.Diagnostics;
using System.Text;
using Platform.LocalInfra;
using Platform.ServiceDefaults.RedisClient;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Redis;

/// <summary>The platform's RESP client against real redis-server and garnet-server.</summary>
public sealed class RespClientTests(RedisServersFixture fixture, PlatformServers servers) : IClassFixture<RedisServersFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Flavours => new(["redis", "garnet"]);

    private RedisClient Client(string flavour, string? options = null) =>
        new(RedisEndpoint.Parse(fixture.ConnectionString(flavour) + (options ?? "")));

    [Theory]
    [MemberData(nameof(Flavours))]
    public async Task Strings_counters_expiry_and_errors_behave_as_the_server_defines_them(string flavour)
    {
        await using var redis = Client(flavour);
        var key = TestTags.New("k");
        Assert.True(await redis.PingAsync(Cancel));
        Assert.Null(await redis.GetAsync(key, Cancel));

        byte[] binary = [0, 13, 10, 255, (byte)'$', (byte)'*'];
        Assert.True(await redis.SetAsync(key, binary, cancellationToken: Cancel));
        Assert.Equal(binary, await redis.GetAsync(key, Cancel));
        Assert.False(await redis.SetAsync(key, [1], onlyIfAbsent: true, cancellationToken: Cancel)); // NX on an existing key
        Assert.Equal(binary, await redis.GetAsync(key, Cancel));
        Assert.Equal(-1, await redis.TimeToLiveAsync(key, Cancel));
        Assert.True(await redis.ExpireAsync(key, TimeSpan.FromSeconds(30), Cancel));
        Assert.InRange(await redis.TimeToLiveAsync(key, Cancel), 1, 30_000);
        Assert.Equal(1, await redis.DeleteAsync(key, Cancel));
        Assert.Equal(-2, await redis.TimeToLiveAsync(key, Cancel));

        Assert.Equal(5, await redis.IncrementAsync(key, 5, Cancel));
        Assert.Equal(3, await redis.IncrementAsync(key, -2, Cancel));
        var unicode = "clinic \u00e9\u4e2d\U0001F600";
        await redis.SetAsync(key + ":u", Encoding.UTF8.GetBytes(unicode), TimeSpan.FromSeconds(10), cancellationToken: Cancel);
        Assert.Equal(unicode, Encoding.UTF8.GetString((await redis.GetAsync(key + ":u", Cancel))!));

        var wrongType = await Assert.ThrowsAsync<RedisServerException>(() => redis.ExecuteAsync(RedisArgs.Of("LPUSH", key, "x"), Cancel));
        Assert.Equal("WRONGTYPE", wrongType.Code);
        Assert.True(await redis.PingAsync(Cancel)); // an error reply leaves the connection in step
    }

    [Fact]
    public void A_command_is_framed_as_an_array_of_bulk_strings_of_exactly_its_size()
    {
        Assert.Equal("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n"u8.ToArray(), RespProtocol.Command(RedisArgs.Of("SET", "k", "")));
        var twelve = RespProtocol.Command([.. Enumerable.Range(0, 12).Select(i => new byte[i * 100])]);
        Assert.StartsWith("*12\r\n$0\r\n\r\n$100\r\n", Encoding.ASCII.GetString(twelve));
        // "*12\r\n", then per argument "$", its length's digits, CR LF, the bytes, CR LF.
        Assert.Equal(5 + Enumerable.Range(0, 12).Sum(i => 1 + (i * 100).ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 2 + i * 100 + 2), twelve.Length);
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public async Task Values_and_argument_counts_of_every_decimal_width_go_to_the_server_intact(string flavour)
    {
        await using var redis = Client(flavour);
        var key = TestTags.New("w");
        foreach (var length in new[] { 0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10_000, 100_000 })
        {
            var value = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
            Assert.True(await redis.SetAsync(key, value, cancellationToken: Cancel));
            Assert.Equal(value, await redis.GetAsync(key, Cancel));
        }
        // Eleven arguments: a two-digit array header.
        var list = TestTags.New("l");
        Assert.Equal(10, (await redis.ExecuteAsync(RedisArgs.Of(["RPUSH", list, .. Enumerable.Range(0, 10).Select(i => $"v{i}")]), Cancel)).AsInt64());
        var items = (await redis.ExecuteAsync(RedisArgs.Of("LRANGE", list, "0", "-1"), Cancel)).Items!;
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"v{i}"), items.Select(i => i.AsString()));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public async Task Ten_thousand_concurrent_commands_over_one_connection_each_get_their_own_reply(string flavour)
    {
        await using var redis = Client(flavour);
        var key = TestTags.New("p");
        var replies = await Task.WhenAll(Enumerable.Range(0, 10_000).Select(_ => Task.Run(() => redis.IncrementAsync(key, 1, Cancel))));
        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (long)i), replies.Order());
        Assert.Equal("10000", Encoding.ASCII.GetString((await redis.GetAsync(key, Cancel))!));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public async Task Scripts_run_by_hash_and_are_sent_in_full_only_when_the_server_has_lost_them(string flavour)
    {
        await using var redis = Client(flavour);
        var script = new RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1]) * tonumber(ARGV[2])");
        var key = TestTags.New("s");

        await redis.ExecuteAsync(RedisArgs.Of("SCRIPT", "FLUSH"), Cancel);
        Assert.Equal(6, (await redis.EvaluateAsync(script, [key], [3, 2], Cancel)).AsInt64()); // NOSCRIPT, then EVAL
        Assert.Equal(1, redis.ScriptFallbacks);
        Assert.Equal(12, (await redis.EvaluateAsync(script, [key], [3, 2], Cancel)).AsInt64()); // cached: EVALSHA alone
        Assert.Equal(1, redis.ScriptFallbacks);

        await redis.ExecuteAsync(RedisArgs.Of("SCRIPT", "FLUSH"), Cancel); // as a restart or failover would
        Assert.Equal(18, (await redis.EvaluateAsync(script, [key], [3, 2], Cancel)).AsInt64());
        Assert.Equal(2, redis.ScriptFallbacks);

        var broken = new RedisScript("return redis.call('NOSUCHCOMMAND')");
        await Assert.ThrowsAsync<RedisServerException>(() => redis.EvaluateAsync(broken, [], [], Cancel));
    }

    [Fact]
    public async Task A_command_without_a_reply_in_time_times_out_and_the_next_commands_still_get_their_own_replies()
    {
        await using var redis = Client("redis", ",syncTimeout=200");
        var key = TestTags.New("t");
        await redis.SetAsync(key, "after"u8.ToArray(), cancellationToken: Cancel);
        var clock = Stopwatch.StartNew();
        // BLPOP on an empty list blocks for one second on the server: longer than the 200 ms timeout.
        await Assert.ThrowsAsync<RedisTimeoutException>(() => redis.ExecuteAsync(RedisArgs.Of("BLPOP", key + ":empty", 1), Cancel));
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(900));
        // Redis answers a connection's commands in order, so wait out the block; then the late nil
        // reply to BLPOP must go to the abandoned command, not to this GET.
        await Task.Delay(TimeSpan.FromMilliseconds(1200), Cancel);
        Assert.Equal("after", Encoding.UTF8.GetString((await redis.GetAsync(key, Cancel)) ?? []));
    }

    [Fact]
    public async Task Replies_read_together_are_handed_out_together_so_one_slow_caller_does_not_hold_up_the_next()
    {
        await using var redis = Client("redis");
        await using var other = Client("redis");
        var key = TestTags.New("h");
        await redis.SetAsync(key, "second"u8.ToArray(), cancellationToken: Cancel);
        // BLPOP holds the connection's queue on the server, so the GET behind it is answered in the
        // same write as the BLPOP once the list gets an item: the client reads both replies at once.
        var first = redis.ExecuteAsync(RedisArgs.Of("BLPOP", key + ":list", 5), Cancel);
        var second = redis.GetAsync(key, Cancel);
        using var secondArrived = new ManualResetEventSlim();
        _ = second.ContinueWith(_ => secondArrived.Set(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        // The first caller keeps its thread until the second caller has its reply: had the client
        // run the first continuation on its reading thread, the second reply would wait behind it.
        var firstWaited = first.ContinueWith(_ => secondArrived.Wait(TimeSpan.FromSeconds(5)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await Task.Delay(TimeSpan.FromMilliseconds(200), Cancel);
        Assert.False(first.IsCompleted);
        await other.ExecuteAsync(RedisArgs.Of("RPUSH", key + ":list", "item"), Cancel);

        Assert.True(await firstWaited, "the second reply was held up behind the first caller");
        Assert.Equal("second", Encoding.UTF8.GetString((await second) ?? []));
        Assert.Equal("item", (await first).Items![1].AsString());
    }

    [Fact]
    public async Task A_lost_server_fails_commands_fast_and_the_client_reconnects_when_it_returns()
    {
        var directory = Path.Combine(servers.RunDirectory, "servers", TestTags.New("rr"));
        var port = FreePort.Next();
        var server = await RedisServer.StartAsync(directory, servers.RepositoryRoot, port, cancellationToken: Cancel);
        await using var redis = new RedisClient(RedisEndpoint.Parse($"127.0.0.1:{port},connectTimeout=500,syncTimeout=1000"),
            new RedisClientOptions { InitialReconnectDelay = TimeSpan.FromMilliseconds(100), MaxReconnectDelay = TimeSpan.FromMilliseconds(400) });
        try
        {
            Assert.Equal(1, await redis.IncrementAsync("n", 1, Cancel));
            await server.DisposeAsync();

            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 20; i++)
                await Assert.ThrowsAsync<RedisConnectionException>(() => redis.IncrementAsync("n", 1, Cancel));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"20 failures took {clock.Elapsed.TotalMilliseconds:0} ms");

            server = await RedisServer.StartAsync(directory, servers.RepositoryRoot, port, cancellationToken: Cancel);
            // A fresh server (no persistence): the counter starts again, over a new connection.
            var value = await Eventually.Until(async () =>
            {
                try
                {
                    return await redis.IncrementAsync("n", 1, Cancel);
                }
                catch (RedisConnectionException)
                {
                    return 0;
                }
            }, v => v > 0, TimeSpan.FromSeconds(10), "the client reconnected");
            Assert.Equal(1, value);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
