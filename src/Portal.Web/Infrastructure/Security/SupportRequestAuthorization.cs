using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Portal.Web.Infrastructure.Security;

/// <summary>What the welfare workspace needs to know about a request to decide who may work on it.</summary>
public sealed record SupportRequestResource(int Id, int RequesterPersonId, bool Restricted);

public static class SupportRequestOperations
{
    public static readonly OperationAuthorizationRequirement Work = new() { Name = nameof(Work) };
}

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
