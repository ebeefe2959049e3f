using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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
