using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Portal.Core.Data;

namespace Portal.Data.PostgreSql;

/// <summary>Used only when scaffolding migrations (tools/Portal.Migrations); it never connects.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UsePortalPostgreSql("Host=localhost;Database=portal_design_time").Options);
}
