using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Core.Data;

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

    /// <summary>Runs a statement with no parameters and no rows (DDL, ANALYZE) on the context's connection and transaction.</summary>
    public static async Task ExecuteAsync(this DbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
