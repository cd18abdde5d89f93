using System.Diagnostics;
using Platform.LocalInfra;

namespace Platform.Benchmarks.Gateway;

/// <summary>nginx as a plain TLS-terminating reverse proxy to the backend: the yardstick for the gateway.</summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private NginxProxy(ExternalProcess process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    public static async Task<NginxProxy> StartAsync(string directory, Uri backend, string certificate, string key, int port)
    {
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes auto;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              fastcgi_temp_path {{directory}}/fastcgi;
              uwsgi_temp_path {{directory}}/uwsgi;
              scgi_temp_path {{directory}}/scgi;
              upstream backend { server {{backend.Host}}:{{backend.Port}}; keepalive 64; }
              server {
                listen 127.0.0.1:{{port}} ssl;
                ssl_certificate {{certificate}};
                ssl_certificate_key {{key}};
                location / {
                  proxy_pass http://backend;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                }
              }
            }
            """);
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var process = ExternalProcess.Start("nginx", nginx, ["-c", config, "-p", directory], Path.Combine(directory, "nginx.log"), new Dictionary<string, string?>(), directory);
        var proxy = new NginxProxy(process, new Uri($"https://127.0.0.1:{port}"));
        var clock = Stopwatch.StartNew();
        while (!await FreePort.AcceptsAsync("127.0.0.1", port, CancellationToken.None))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(10))
                throw new InvalidOperationException($"nginx did not start: {File.ReadAllText(Path.Combine(directory, "nginx.log"))}");
            await Task.Delay(50);
        }
        return proxy;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
