using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Portal.Web.Infrastructure.Security;

/// <summary>
/// Welfare staff may open and act on a request; a request from someone in a sensitive role only a welfare lead may.
/// Pages check it on GET and on every POST.
/// </summary>
public sealed class SupportRequestAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, SupportRequestResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, SupportRequestResource resource)
    {
        var user = context.User;
        if (requirement.Name == SupportRequestOperations.Work.Name
            && (user.IsInRole(RoleNames.WelfareLead) || (user.IsInRole(RoleNames.Welfare) && !resource.Restricted)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
