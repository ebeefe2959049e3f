using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Portal.Core.Validation;

namespace Portal.Web.Infrastructure.Security;

/// <summary>
/// Binds every string a form or address carries without the controls that reverse the direction of text
/// (<see cref="BidiControls"/>), so nothing typed into the portal — a name, a message, a note, a notice's subject — can
/// read differently to the person it is shown to, in a page or an e-mail; and without NUL characters, which no database
/// column can hold (a form that carried one is shown again with a message at the field: <see cref="UnreadableForms"/>).
/// </summary>
public sealed class CleanTextModelBinderProvider : IModelBinderProvider
{
    public static void AddTo(MvcOptions options) => options.ModelBinderProviders.Insert(0, new CleanTextModelBinderProvider());

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var source = context.BindingInfo.BindingSource;
        return context.Metadata.ModelType == typeof(string)
            && (source is null || source == BindingSource.ModelBinding || source == BindingSource.Form || source == BindingSource.Query || source == BindingSource.Path)
            ? new Binder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
            : null;
    }

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result is { IsModelSet: true, Model: string text } && (BidiControls.IndexIn(text) >= 0 || text.Contains('\0', StringComparison.Ordinal)))
            {
                bindingContext.Result = ModelBindingResult.Success(BidiControls.Strip(text).Replace("\0", string.Empty, StringComparison.Ordinal));
            }
        }
    }
}
