using Microsoft.Extensions.FileProviders;

namespace StratosBridge.Api.Pages;

/// <summary>
/// The web pages of the api role: static HTML, CSS and ES modules from <c>wwwroot</c> (copied next to the executable; no
/// CDN, nothing fetched from elsewhere), each page reading the public JSON API under <c>/v1</c> from the browser.
/// A page's route serves its HTML file; the path parameters (<c>{chain}</c>, <c>{quoteId}</c>, …) are read by the page's
/// script from <c>location.pathname</c> and checked by the API, which answers a bad one with a ProblemDetails the page
/// shows as a sentence.
/// </summary>
public static class PageEndpoints
{
    /// <summary>Route → HTML file under wwwroot; <see cref="Listed"/> is what <c>ops/run</c>'s banner and <c>GET /</c> show.</summary>
    private static readonly (string Route, string File)[] Routes =
    [
        ("/", "index.html"),
        ("/bridge", "bridge.html"),
        ("/transfers/{chain}/{txHash}", "transfer.html"),
        ("/wallets/{address}", "wallet.html"),
        ("/pay/{quoteId}", "pay.html"),
        ("/business", "business.html"),
        ("/ops", "ops.html"),
    ];

    public static IEnumerable<string> Listed => Routes.Select(r => r.Route);

    public static void Map(WebApplication app)
    {
        var root = Path.Combine(app.Environment.ContentRootPath, "wwwroot");
        if (!Directory.Exists(root))
        {
            throw new InvalidOperationException($"the pages' folder {root} is missing: the api project's wwwroot is copied there by the build");
        }
        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        foreach (var (route, file) in Routes)
        {
            var path = Path.Combine(root, file);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"the page {route} needs {path}, which is missing");
            }
            app.MapGet(route, () => TypedResults.PhysicalFile(path, "text/html; charset=utf-8")).ExcludeFromDescription();
        }
    }
}
