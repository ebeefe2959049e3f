using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

/// <summary>The write-ahead log's file, beside the database.</summary>
public static class SqliteLog
{
    /// <summary>The log's size in bytes (0 when there is none).</summary>
    public static long SizeOf(PortalDbContext db) => SizeAt(PathOf(db));

    /// <summary>The size in bytes of the log at <paramref name="path"/> (0 when there is none).</summary>
    public static long SizeAt(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }

    /// <summary>Where the database's log is (or will be).</summary>
    public static string PathOf(PortalDbContext db) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource + "-wal";
}
