using AngleSharp.Dom;

namespace Portal.Web.Tests.Infrastructure;

public static class Forms
{
    /// <summary>Opens a page as a browser would, then posts a form with its antiforgery token and these fields.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string pageUrl, string postUrl, params (string Name, string Value)[] fields)
    {
        var token = await AntiforgeryTokenAsync(client, pageUrl);
        var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        return await client.PostAsync(postUrl, content, TestContext.Current.CancellationToken);
    }

    /// <summary>Opens a page, then posts its form as multipart with the antiforgery token, these fields and one file.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string pageUrl, string postUrl, (string Name, string FileName, byte[] Bytes)? file, params (string Name, string Value)[] fields)
    {
        var token = await AntiforgeryTokenAsync(client, pageUrl);
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (file is { } f)
        {
            var bytes = new ByteArrayContent(f.Bytes);
            bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            content.Add(bytes, f.Name, f.FileName);
        }

        return await client.PostAsync(postUrl, content, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Opens a page and returns the query its own look-up form adds (<c>confirm=…</c>, see LookupTokens), to append to an
    /// address as that form would: a look-up without it only fills in the form.
    /// </summary>
    public static async Task<string> ConfirmedAsync(this HttpClient client, string pageUrl)
    {
        var page = await Html.ReadAsync(await client.GetAsync(pageUrl, TestContext.Current.CancellationToken));
        var token = page.QuerySelector($"input[name='{Portal.Web.Infrastructure.Security.LookupTokens.FieldName}']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{pageUrl} has no look-up form.");
        return $"{Portal.Web.Infrastructure.Security.LookupTokens.FieldName}={Uri.EscapeDataString(token)}";
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        var page = await Html.ReadAsync(await client.GetAsync(pageUrl, TestContext.Current.CancellationToken));
        return page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{pageUrl} has no form with an antiforgery token.");
    }

    public static async Task<IDocument> FollowAsync(this HttpClient client, HttpResponseMessage redirect) =>
        await Html.ReadAsync(await client.GetAsync(redirect.Headers.Location!, TestContext.Current.CancellationToken));
}
