using StratosBridge.Pricing.Payments;

namespace StratosBridge.Tests.Unit.Payments;

public class QrCodesTests
{
    private const string Uri = "solana:9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM?amount=1.5&reference=82ZJ7nbGpixjeDCmEhUcmwXYfvurzAgGdtSMuHnUgyny";

    [Fact]
    public void Png_is_a_png_image()
    {
        var png = QrCodes.Png(Uri);

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a }, png[..8]);
        Assert.True(png.Length > 200);
    }

    [Fact]
    public void Svg_is_an_svg_document()
    {
        var svg = QrCodes.Svg(Uri);

        Assert.Contains("<svg", svg);
        Assert.Contains("</svg>", svg);
    }
}
