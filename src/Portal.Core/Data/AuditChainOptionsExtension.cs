using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;

namespace Portal.Core.Data;

/// <summary>Carries the audit chain's keys in a context's options, so that every context (pooled or not) seals and checks with them.</summary>
public sealed class AuditChainOptionsExtension(AuditKeyRing keys) : IDbContextOptionsExtension
{
    private ExtensionInfo? info;

    public AuditKeyRing Keys { get; } = keys;

    public DbContextOptionsExtensionInfo Info => info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "AuditChain ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["AuditChain"] = "1";
    }
}
