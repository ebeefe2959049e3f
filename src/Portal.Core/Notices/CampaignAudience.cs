using System.Data.Common;
using Portal.Core.Data;
using Portal.Core.Domain;

namespace Portal.Core.Notices;

/// <summary>
/// Who a campaign is for, and the delivery rows that say so. Each audience is one SQL condition over active people,
/// used both to count the recipients before sending and to write one delivery row each in a single
/// INSERT … SELECT: 47,000 rows without a round trip per person, and writing them again adds nobody twice.
/// </summary>
public sealed class CampaignAudience(PortalDbContext db)
{
    public async Task<int> CountAsync(NoticeCampaign campaign, CancellationToken cancellationToken = default)
    {
        var (condition, parameters) = Condition(campaign);
        var people = TableMap.For<Person>(db);
        await db.OpenIfClosedAsync(cancellationToken);
        await using var command = db.CreateCommand($"SELECT COUNT(*) FROM {people.Name} p WHERE {condition}");
        AddParameters(command, parameters);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes a pending delivery row for every recipient who has none yet; returns how many were added. Rows a recipient
    /// already has are skipped by the unique key on campaign and person, not by looking for them: the first campaign on
    /// a database has an empty delivery table, for which PostgreSQL's planner chose to scan the table once for every
    /// person, and the table grows as the statement writes, so 146,000 rows took longer than the command may (the send
    /// failed), where with the key it is 2 s.
    /// </summary>
    public async Task<int> WriteDeliveriesAsync(NoticeCampaign campaign, CancellationToken cancellationToken = default)
    {
        var (condition, parameters) = Condition(campaign);
        var people = TableMap.For<Person>(db);
        var deliveries = TableMap.For<Delivery>(db);
        await db.OpenIfClosedAsync(cancellationToken);
        await using var command = db.CreateCommand(
            $"INSERT INTO {deliveries.Name} ({deliveries[nameof(Delivery.CampaignId)]}, {deliveries[nameof(Delivery.PersonId)]}, {deliveries[nameof(Delivery.Status)]}, {deliveries[nameof(Delivery.Attempts)]}) " +
            $"SELECT @campaign, p.{people[nameof(Person.Id)]}, @pending, 0 FROM {people.Name} p WHERE {condition} " +
            $"ON CONFLICT ({deliveries[nameof(Delivery.CampaignId)]}, {deliveries[nameof(Delivery.PersonId)]}) DO NOTHING");
        command.AddParameter("@campaign").Value = campaign.Id;
        command.AddParameter("@pending").Value = nameof(DeliveryStatus.Pending);
        AddParameters(command, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private (string Condition, Dictionary<string, object> Parameters) Condition(NoticeCampaign campaign)
    {
        var people = TableMap.For<Person>(db);
        var exposures = TableMap.For<Exposure>(db);
        var acknowledgements = TableMap.For<Acknowledgement>(db);
        var deliveries = TableMap.For<Delivery>(db);
        var id = $"p.{people[nameof(Person.Id)]}";
        var parameters = new Dictionary<string, object> { ["@active"] = nameof(PersonStatus.Active) };
        var active = $"p.{people[nameof(Person.Status)]} = @active";
        switch (campaign.Audience)
        {
            case AudienceKind.EveryoneActive:
                return (active, parameters);
            case AudienceKind.Incident:
                parameters["@incident"] = campaign.AudienceIncidentId ?? throw new InvalidOperationException("An incident audience needs an incident.");
                return ($"{active} AND EXISTS (SELECT 1 FROM {exposures.Name} e WHERE e.{exposures[nameof(Exposure.PersonId)]} = {id} AND e.{exposures[nameof(Exposure.IncidentId)]} = @incident)", parameters);
            case AudienceKind.Units:
                if (campaign.AudienceUnits.Count == 0)
                {
                    throw new InvalidOperationException("A units audience needs at least one unit.");
                }

                var names = campaign.AudienceUnits.Select((unit, i) => { parameters[$"@unit{i}"] = unit; return $"@unit{i}"; });
                return ($"{active} AND p.{people[nameof(Person.Unit)]} IN ({string.Join(", ", names)})", parameters);
            case AudienceKind.ExposureChanged:
                var changes = TableMap.For<ExposureChange>(db);
                // A person's history is its changes and the first listings their exposure rows keep (see ExposureHistory).
                string which, listed;
                if (campaign.AudienceImportRunId is { } run)
                {
                    (which, listed) = ($"c.{changes[nameof(ExposureChange.ImportRunId)]} = @run", $"x.{exposures[nameof(Exposure.ListedImportRunId)]} = @run");
                    parameters["@run"] = run;
                }
                else
                {
                    (which, listed) = ($"c.{changes[nameof(ExposureChange.ChangedUtc)]} >= @since", $"x.{exposures[nameof(Exposure.ListedUtc)]} >= @since");
                    parameters["@since"] = campaign.AudienceChangedSinceUtc ?? throw new InvalidOperationException("A changed-exposure audience needs an import or a date.");
                }

                // One list of the people from both, which PostgreSQL hashes once; two EXISTS joined by OR were asked person
                // by person (0.62 s against 0.11 s for 300,000 people, one import's 43,000 listings).
                return ($"{active} AND {id} IN (SELECT c.{changes[nameof(ExposureChange.PersonId)]} FROM {changes.Name} c WHERE {which} " +
                    $"UNION ALL SELECT x.{exposures[nameof(Exposure.PersonId)]} FROM {exposures.Name} x WHERE {listed})", parameters);
            default:
                parameters["@earlier"] = campaign.AudienceCampaignId ?? throw new InvalidOperationException("A follow-up needs the earlier campaign.");
                return ($"{active} AND EXISTS (SELECT 1 FROM {deliveries.Name} d WHERE d.{deliveries[nameof(Delivery.CampaignId)]} = @earlier AND d.{deliveries[nameof(Delivery.PersonId)]} = {id}) " +
                    $"AND NOT EXISTS (SELECT 1 FROM {acknowledgements.Name} a WHERE a.{acknowledgements[nameof(Acknowledgement.CampaignId)]} = @earlier AND a.{acknowledgements[nameof(Acknowledgement.PersonId)]} = {id})", parameters);
        }
    }

    private static void AddParameters(DbCommand command, Dictionary<string, object> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name).Value = value;
        }
    }
}
