using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Portal.Core.Imports;

namespace Portal.Web.Infrastructure.Security;

/// <summary>
/// How large a request's body may be. Every form is small — the longest field, a guidance article, is 40,000
/// characters — so a body over <see cref="FormBytes"/> is refused; a page that takes uploads allows the largest
/// upload and a little more. A refused request gets 413 and the "too large" page before anything reads it, and a
/// body that turns out larger than it said is cut off by the server at the same limit.
/// </summary>
public static class RequestSizeLimits
{
    public const long FormBytes = 1024 * 1024;

    /// <summary>After routing, so the page (and whether it takes uploads) is known.</summary>
    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app)
    {
        var uploadBytes = app.ApplicationServices.GetRequiredService<IOptions<ImportOptions>>().Value.MaxUploadBytes + FormBytes;
        return app.Use(async (context, next) =>
        {
            // The status page, re-executed for this very refusal, must not be refused again.
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is null)
            {
                var limit = context.GetEndpoint()?.Metadata.GetMetadata<TakesUploadsAttribute>() is null ? FormBytes : uploadBytes;
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
                {
                    server.MaxRequestBodySize = limit;
                }

                if (context.Request.ContentLength > limit)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }
            }

            await next(context);
        });
    }
}
