using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Platform.Prediction.Predictions;

/// <summary>
/// Where a page ended: the last item's creation time and id (the list's order), opaque to clients
/// (base64url). Keyset paging: a page costs the same however deep it is, and rows added meanwhile
/// neither repeat nor shift later pages.
/// </summary>
public readonly record struct PredictionCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.UtcTicks}:{Id:N}")));

    public static bool TryParse(string text, out PredictionCursor cursor)
    {
        cursor = default;
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(parts[1], "N", out var id))
                return false;
            cursor = new PredictionCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
