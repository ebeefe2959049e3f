using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

/// <summary>The write-ahead log's file, beside the database.</summary>
public static class SqliteLog
{
    /// <summary>The log's size in bytes (0 when there is none).</summary>
    public static long SizeOf(PortalDbContext db)
    {
        var file = new FileInfo(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource + "-wal");
        return file.Exists ? file.Length : 0;
    }
}
