using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;

namespace Portal.Core.Data;

public static class AuditChainOptions
{
    /// <summary>Seals (and checks) the audit chain with these keys.</summary>
    public static DbContextOptionsBuilder<TContext> UseAuditChain<TContext>(this DbContextOptionsBuilder<TContext> builder, AuditKeyRing keys)
        where TContext : DbContext
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new AuditChainOptionsExtension(keys));
        return builder;
    }

    public static DbContextOptionsBuilder UseAuditChain(this DbContextOptionsBuilder builder, AuditKeyRing keys)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new AuditChainOptionsExtension(keys));
        return builder;
    }

    /// <summary>The keys this context seals with; a clear failure where none were given.</summary>
    public static AuditKeyRing AuditKeys(this PortalDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<AuditChainOptionsExtension>()?.Keys
        ?? throw new InvalidOperationException("This database context has no audit keys: build its options with UseAuditChain(keys).");
}
