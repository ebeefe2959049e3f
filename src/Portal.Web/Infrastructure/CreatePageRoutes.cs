using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Infrastructure;

public static class CreatePageRoutes
{
    /// <summary>
    /// A second address for a page that shows one record, where it starts a new one (<c>/admin/incidents/new</c> beside
    /// <c>/admin/incidents/{id}</c>). Requests arrive at it; links and redirects made for the page (with an id) never
    /// use it, so <c>RedirectToPage</c> gives <c>/admin/incidents/7</c>, not <c>/admin/incidents/new?id=7</c>.
    /// </summary>
    public static void AddCreatePageRoute(this RazorPagesOptions options, string pageName, string address)
    {
        options.Conventions.AddPageRouteModelConvention(pageName, model => model.Selectors.Add(new SelectorModel
        {
            AttributeRouteModel = new AttributeRouteModel { Template = address.TrimStart('/'), SuppressLinkGeneration = true },
        }));
    }
}
