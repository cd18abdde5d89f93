using System.Diagnostics;

namespace Platform.Tests.Infrastructure;

/// <summary>Debian's Chromium, headless: renders a page, runs its scripts, returns the resulting DOM.</summary>
public static class HeadlessChromium
{
    public static async Task<string> DumpDomAsync(Uri url, TimeSpan scriptTime)
    {
        var chromium = Platform.LocalInfra.Executables.Find("chromium")
            ?? throw new InvalidOperationException("chromium not found. Install it with: sudo apt-get install -y chromium");
        var profile = Directory.CreateTempSubdirectory("chromium-");
        try
        {
            // As root Chromium needs --no-sandbox; the networking flags keep it from calling home.
            using var process = Process.Start(new ProcessStartInfo(chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile.FullName}",
                $"--virtual-time-budget={(int)scriptTime.TotalMilliseconds}",
                "--dump-dom", url.ToString(),
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var dom = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish rendering {url}: {await errors}");
            }
            return process.ExitCode == 0 ? await dom : throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await errors}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
