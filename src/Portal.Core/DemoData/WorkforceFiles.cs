using System.Globalization;
using System.Text;
using CsvHelper;
using Portal.Core.Domain;
using Portal.Core.Imports;

namespace Portal.Core.DemoData;

/// <summary>Writes the synthetic workforce as the files the import engine takes: one personnel extract, one manifest per incident.</summary>
public static class WorkforceFiles
{
    public const string PersonnelFileName = "personnel.csv";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void WritePersonnel(IEnumerable<PersonnelRecord> people, Stream output)
    {
        using var writer = new StreamWriter(output, Utf8NoBom, 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in PersonnelImporter.Columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var p in people)
        {
            csv.WriteField(p.PayNumber);
            csv.WriteField(p.GivenName);
            csv.WriteField(p.FamilyName);
            csv.WriteField(Enumerations.Format(p.PersonnelType));
            csv.WriteField(p.RankOrGrade);
            csv.WriteField(p.Unit);
            csv.WriteField(p.WorkLocation);
            csv.WriteField(Enumerations.Format(p.VettingLevel));
            csv.WriteField(p.Email);
            csv.WriteField(Enumerations.Format(p.SensitiveRole));
            csv.WriteField(Enumerations.Format(p.Status));
            csv.NextRecord();
        }
    }

    public static void WriteManifest(IEnumerable<(string PayNumber, HeldFields Fields)> rows, Stream output)
    {
        using var writer = new StreamWriter(output, Utf8NoBom, 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.WriteField("pay_number");
        csv.WriteField("fields_held");
        csv.NextRecord();
        foreach (var (payNumber, fields) in rows)
        {
            csv.WriteField(payNumber);
            csv.WriteField(DataFieldCatalogue.ToManifestList(fields));
            csv.NextRecord();
        }
    }

    /// <summary>Writes every file into a folder, returning the personnel file's path.</summary>
    public static string WriteAll(SyntheticWorkforce workforce, string directory)
    {
        Directory.CreateDirectory(directory);
        var personnel = Path.Combine(directory, PersonnelFileName);
        using (var file = File.Create(personnel))
        {
            WritePersonnel(workforce.People, file);
        }

        foreach (var incident in workforce.Incidents)
        {
            using var file = File.Create(Path.Combine(directory, incident.ManifestFileName));
            WriteManifest(incident.Manifest, file);
        }

        return personnel;
    }
}
