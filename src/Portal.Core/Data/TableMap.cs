using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Core.Data;

/// <summary>
/// Table and column names taken from the EF Core model, for the few bulk paths that use plain ADO.NET
/// (imports of 47,000 rows), so raw SQL can never drift from the mapped schema.
/// </summary>
internal sealed class TableMap
{
    private readonly IEntityType entity;
    private readonly StoreObjectIdentifier table;

    private TableMap(IEntityType entity)
    {
        this.entity = entity;
        table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        Name = entity.GetTableName()!;
    }

    public string Name { get; }

    public string this[string propertyName] => entity.FindProperty(propertyName)!.GetColumnName(table)!;

    public static TableMap For<T>(DbContext db) => new(db.Model.FindEntityType(typeof(T))!);
}

internal static class DbCommandExtensions
{
    /// <summary>A command on the context's connection, enlisted in its current transaction.</summary>
    public static DbCommand CreateCommand(this DbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    public static DbParameter AddParameter(this DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static async Task OpenIfClosedAsync(this DbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
    }
}
