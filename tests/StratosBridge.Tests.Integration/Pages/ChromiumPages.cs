using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace StratosBridge.Tests.Integration.Pages;

/// <summary>
/// Debian's Chromium (installed by <c>ops/setup</c>) driven by Playwright: no browser download, headless, no network beyond
/// the loopback service. A missing browser fails the test loudly. Screenshots go to <see cref="ScreenshotFolder"/>.
/// Disposing closes the browser, which ends the process Playwright started.
/// </summary>
public sealed class ChromiumPages : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Where the browser tests' screenshots are kept: <c>screenshots/</c> in the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;

    private ChromiumPages(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<ChromiumPages> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run ops/setup (it installs Debian's chromium)");
        }
        // Playwright's 5 s default for Expect(…) is a timing assertion on a busy machine (a page's first API answer took longer
        // beside a CPU hog: "Signed in" and "No endpoints yet" never came in time); a condition now gets 30 s to hold.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Args,
            });
            return new ChromiumPages(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh context (its own storage) with a phone-sized or desktop viewport, and a page in it.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Saves a full-page screenshot as <c>{name}.png</c> in <see cref="ScreenshotFolder"/> and returns its path, then checks
    /// the page as it is with axe-core (WCAG 2.x A and AA rules: labels, names, contrast, landmarks, …): any violation fails
    /// the test, listing each rule and the elements that break it.
    /// </summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        var axe = await page.RunAxe();
        var violations = axe.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(violations.Count == 0, $"accessibility violations on {name} ({page.Url}):\n{string.Join('\n', violations)}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
