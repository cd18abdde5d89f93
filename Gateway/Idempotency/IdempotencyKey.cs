namespace Platform.Gateway.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> field: a structured-field string per the IETF draft (<c>"…"</c>);
/// the bare form most clients send is accepted too. 1 to 255 printable ASCII characters.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    public static bool TryParse(Microsoft.Extensions.Primitives.StringValues values, out string key, out string error)
    {
        key = "";
        if (values.Count != 1)
        {
            error = $"Send exactly one {Header} header.";
            return false;
        }
        var value = values[0] ?? "";
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }
        else if (value.Contains(',', StringComparison.Ordinal))
        {
            // Two header lines arrive joined by a comma (RFC 9110 5.3): which one was meant is unknowable.
            error = $"Send exactly one {Header} header; a key with a comma must be quoted.";
            return false;
        }
        if (value.Length is 0 or > MaxLength || string.IsNullOrWhiteSpace(value))
        {
            error = $"{Header} must be 1 to {MaxLength} characters.";
            return false;
        }
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                error = $"{Header} may contain printable ASCII characters only.";
                return false;
            }
        }
        key = value;
        error = "";
        return true;
    }
}
