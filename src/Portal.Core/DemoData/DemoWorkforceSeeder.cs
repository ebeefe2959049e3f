using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Imports;

namespace Portal.Core.DemoData;

/// <summary>
/// Seeds an empty database with the synthetic workforce by writing its CSV files and importing them through
/// the same import engine administrators use, so every first start exercises the engine on 47,000 rows.
/// </summary>
public sealed class DemoWorkforceSeeder(PortalDbContext db, PersonnelImporter personnel, ManifestImporter manifests, TimeProvider clock, ILogger<DemoWorkforceSeeder> logger)
{
    public async Task<bool> SeedIfEmptyAsync(string directory, int size = WorkforceGenerator.DefaultSize, CancellationToken cancellationToken = default)
    {
        if (await db.People.AnyAsync(cancellationToken))
        {
            return false;
        }

        var stopwatch = Stopwatch.StartNew();
        var workforce = WorkforceGenerator.Generate(size);
        var personnelPath = WorkforceFiles.WriteAll(workforce, directory);
        var generated = stopwatch.Elapsed;

        await using (var file = File.OpenRead(personnelPath))
        {
            var report = await personnel.ImportAsync(file, cancellationToken);
            EnsureApplied(report, personnelPath);
        }

        var imported = stopwatch.Elapsed;

        foreach (var synthetic in workforce.Incidents)
        {
            var incident = NewIncident(synthetic, clock.GetUtcNow().UtcDateTime);
            db.Incidents.Add(incident);
            await db.SaveChangesAsync(cancellationToken);

            var manifestPath = Path.Combine(directory, synthetic.ManifestFileName);
            await using var file = File.OpenRead(manifestPath);
            var report = await manifests.ImportAsync(incident.Id, file, cancellationToken: cancellationToken);
            EnsureApplied(report, manifestPath);
        }

        logger.LogInformation(
            "Seeded a synthetic workforce of {Size} people and {Incidents} incidents in {Elapsed} ms (files {Generated} ms, personnel import {Personnel} ms, manifests {Manifests} ms)",
            size, workforce.Incidents.Count, stopwatch.ElapsedMilliseconds, (int)generated.TotalMilliseconds, (int)(imported - generated).TotalMilliseconds,
            (int)(stopwatch.Elapsed - imported).TotalMilliseconds);
        return true;
    }

    /// <summary>The incident a synthetic one describes, without its manifest (which is imported as a file).</summary>
    public static Incident NewIncident(SyntheticIncident synthetic, DateTime createdUtc) => new()
    {
        Reference = synthetic.Reference,
        Title = synthetic.Title,
        Source = synthetic.Source,
        Summary = synthetic.Summary,
        Status = synthetic.Status,
        OccurredOn = synthetic.OccurredOn,
        DiscoveredOn = synthetic.DiscoveredOn,
        NotIncluded = [.. synthetic.NotIncluded],
        Updates = [.. synthetic.Updates.Select(u => new IncidentUpdate { PostedUtc = u.PostedUtc, Text = u.Text })],
        CreatedUtc = createdUtc,
    };

    private static void EnsureApplied(ImportReport report, string path)
    {
        if (!report.Applied)
        {
            throw new InvalidOperationException($"The synthetic file {path} did not import: {string.Join("; ", report.Problems.Take(5))}");
        }
    }
}
