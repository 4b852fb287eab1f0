using System.Net;
using Microsoft.Extensions.FileProviders;

namespace StratosBridge.Api.Pages;

/// <summary>
/// The web pages of the api role. Each page is <c>Pages/Html/_layout.html</c> (head, navigation, footer) around its own
/// <c>&lt;main&gt;</c> (<c>Pages/Html/{page}.html</c>), composed once at start-up, with its ES module
/// <c>wwwroot/js/{script}.js</c>; <c>wwwroot</c> (CSS, scripts, the bundled wallet code) is served as static files. Both are
/// copied next to the executable: no CDN, nothing fetched from elsewhere. A page's path parameters (<c>{chain}</c>,
/// <c>{quoteId}</c>, …) are read by its script from <c>location.pathname</c> and checked by the API, which answers a bad
/// one with a ProblemDetails the page shows as a sentence.
/// </summary>
public static class PageEndpoints
{
    private static readonly (string Route, string Page, string Script, string Title)[] Routes =
    [
        ("/", "index", "home", "Home"),
        ("/bridge", "bridge", "bridge", "Bridge STOS"),
        ("/transfers/{chain}/{txHash}", "transfer", "transfer", "Transfer"),
        ("/wallets/{address}", "wallet", "wallet", "Wallet"),
        ("/pay/{quoteId}", "pay", "pay", "Pay for Ozone"),
        ("/business", "business", "business", "Business"),
        ("/ops", "ops", "ops", "Operators"),
    ];

    public static void Map(WebApplication app)
    {
        var root = app.Environment.ContentRootPath;
        var assets = Path.Combine(root, "wwwroot");
        var html = Path.Combine(root, "Pages", "Html");
        if (!Directory.Exists(assets) || !Directory.Exists(html))
        {
            throw new InvalidOperationException($"the pages' folders {assets} and {html} must exist: the build copies them next to the executable");
        }
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(assets),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        var layout = File.ReadAllText(Path.Combine(html, "_layout.html"));
        foreach (var (route, page, script, title) in Routes)
        {
            var composed = layout
                .Replace("{{title}}", WebUtility.HtmlEncode(title), StringComparison.Ordinal)
                .Replace("{{script}}", script, StringComparison.Ordinal)
                .Replace("{{main}}", File.ReadAllText(Path.Combine(html, page + ".html")), StringComparison.Ordinal);
            app.MapGet(route, () => TypedResults.Content(composed, "text/html; charset=utf-8")).ExcludeFromDescription();
        }
    }
}
