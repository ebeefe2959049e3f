using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Portal.Web.Infrastructure.Security;

public static class SupportRequestOperations
{
    public static readonly OperationAuthorizationRequirement Work = new() { Name = nameof(Work) };
}
