using System.Globalization;
using System.Text;

namespace Portal.Web.Infrastructure;

/// <summary>
/// A form the portal cannot act on as posted — a field holding a NUL character, or a version that cannot be read — is
/// answered as a form with a mistake in it: the page is shown again (by its own GET handler, so with everything it
/// shows), with what was entered, and a message at the field. The handler that would have saved is never run.
/// </summary>
/// <remarks>
/// ASP.NET Core's form reader refuses a URL-encoded body with an encoded NUL (<c>%00</c>) outright, so antiforgery
/// fails and the person sees only "there is a problem with your request". <see cref="UseNulCharacterFields"/> takes
/// the NULs out before anything reads the form and notes the fields they were in; <see cref="UnreadableFormFilter"/>
/// then turns each into that field's problem. A multipart form carries a NUL as it is, and is checked the same way.
/// </remarks>
public static class UnreadableForms
{
    /// <summary>Where the page shows a version problem: the same place as a change made meanwhile by someone else.</summary>
    public const string VersionProblemKey = "conflict";

    public const string NulMessage = "This contained a hidden character that cannot be saved (a NUL, often copied in from another program). It has been taken out: check what is here and send it again.";

    public const string VersionMessage = "Nothing was changed: this form did not say which version of the record it was shown with, so it could not be checked against changes made since. The page now shows the latest details: check them and try again.";

    private const string NulFieldsKey = "UnreadableForms.NulFields";

    /// <summary>After routing and authorisation, before any page reads the form.</summary>
    public static IApplicationBuilder UseNulCharacterFields(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.ContentLength is > 0
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Forms are small (RequestSizeLimits has already refused a large one), so the body is read whole.
            var buffer = new MemoryStream((int)request.ContentLength.Value);
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            buffer.Position = 0;
            request.Body = buffer;
            if (buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf("%00"u8) >= 0)
            {
                var (cleaned, fields) = WithoutNul(buffer.ToArray());
                context.Items[NulFieldsKey] = fields;
                request.Body = new MemoryStream(cleaned, writable: false);
                request.ContentLength = cleaned.Length;
            }
        }

        await next(context);
    });

    /// <summary>The body with every encoded NUL taken out, and the names of the fields that held one.</summary>
    internal static (byte[] Body, List<string> Fields) WithoutNul(byte[] body)
    {
        // Latin-1 maps each byte to one character and back, so a body that is not what it should be passes unchanged.
        var pairs = Encoding.Latin1.GetString(body).Split('&');
        var fields = new List<string>();
        for (var i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].Contains("%00", StringComparison.Ordinal))
            {
                pairs[i] = pairs[i].Replace("%00", string.Empty, StringComparison.Ordinal);
                var name = pairs[i].Split('=', 2)[0].Replace('+', ' ');
                fields.Add(Uri.UnescapeDataString(name));
            }
        }

        return (Encoding.Latin1.GetBytes(string.Join('&', pairs)), fields);
    }

    internal static IReadOnlyList<string> NulFields(HttpContext context)
    {
        List<string> fields = [.. context.Items[NulFieldsKey] as List<string> ?? []];
        if (context.Request.HasFormContentType)
        {
            fields.AddRange(context.Request.Form.Where(f => f.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)).Select(f => f.Key));
        }

        return fields;
    }

    /// <summary>A version as a form carries it: one whole number, nothing else.</summary>
    internal static bool IsReadableVersion(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
