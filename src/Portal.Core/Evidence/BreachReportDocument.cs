using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Portal.Core.Text;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Portal.Core.Evidence;

/// <summary>
/// The report to the regulator as a Word document (Open XML SDK): the headings of Art. 33(3) in its order, each part's
/// figures as a table and the administrator's words as paragraphs, so the data protection officer can finish it in Word.
/// </summary>
internal static class BreachReportDocument
{
    public const string NatureHeading = "1. The nature of the personal data breach";
    public const string PeopleHeading = "2. Categories and approximate number of people concerned";
    public const string RecordsHeading = "3. Categories and approximate number of personal data records concerned";
    public const string OfficerHeading = "4. The data protection officer";
    public const string ConsequencesHeading = "5. The likely consequences of the breach";
    public const string MeasuresHeading = "6. Measures taken or proposed";
    public const string WhenHeading = "7. When the breach was discovered and reported";

    public static IReadOnlyList<string> Headings { get; } = [NatureHeading, PeopleHeading, RecordsHeading, OfficerHeading, ConsequencesHeading, MeasuresHeading, WhenHeading];

    public static byte[] Write(BreachReport report, PortalOptions portal)
    {
        static string Day(DateOnly day) => day.ToString("d MMMM yyyy", UkEnglish.Culture);
        static string N(int n) => n.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));
        using var memory = new MemoryStream();
        using (var document = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body());
            AddStyles(main);
            var body = main.Document.Body!;
            void Heading(string text, int level) => body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = $"Heading{level}" }), new Run(new WordText(text))));
            void Para(string text)
            {
                foreach (var line in text.Split('\n'))
                {
                    body.Append(new Paragraph(new Run(new WordText(line) { Space = SpaceProcessingModeValues.Preserve })));
                }
            }

            void Table(string[] headers, IEnumerable<string[]> rows)
            {
                var table = new Table(new TableProperties(
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }),
                    new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
                table.Append(Row(headers, header: true));
                foreach (var row in rows)
                {
                    table.Append(Row(row, header: false));
                }

                body.Append(table);
                body.Append(new Paragraph());
            }

            Heading($"{portal.OrganisationName}: report of a personal data breach", 1);
            Para($"Draft report to the Information Commissioner's Office under Article 33 of the UK GDPR. Incident {report.Reference}: {report.Title}.");
            Para($"Drawn by the {portal.ServiceName} on {UkTime.Format(report.DrawnUtc, "d MMMM yyyy 'at' HH:mm")} (UK time); "
                + (report.Text.Version == 0 ? "its words are the portal's first draft, not yet saved." : $"its words are version {report.Text.Version}, saved {UkTime.Format(report.Text.SavedUtc!.Value, "d MMMM yyyy 'at' HH:mm")}.")
                + " The figures are counted from the portal's data as it was drawn.");

            Heading(NatureHeading, 2);
            Para(report.Text.Nature);
            Para($"Where the data was held: {report.Source}. It was taken or exposed on or about {Day(report.OccurredOn)}.");

            Heading(PeopleHeading, 2);
            Para($"About {N(report.People)} {(report.People == 1 ? "person" : "people")}: current and former members of the force whose records were in the data.");
            Table(["Category", "People"], [.. report.PeopleByCategory.Select(c => new[] { c.Category, N(c.People) }), ["Total", N(report.People)]]);

            Heading(RecordsHeading, 2);
            Para($"About {N(report.Records)} records. The categories of personal data held, with the number of people for whom each was held:");
            Table(["Personal data", "People"], report.FieldsHeld.Select(f => new[] { f.Field, N(f.People) }));
            if (report.NotHeld.Count > 0)
            {
                Para("Not held: " + string.Join("; ", report.NotHeld) + ".");
            }

            Heading(OfficerHeading, 2);
            Para(report.DataProtectionOfficer);

            Heading(ConsequencesHeading, 2);
            Para(report.Text.LikelyConsequences);

            Heading(MeasuresHeading, 2);
            Para("Everyone affected can sign in to the portal to see which of their details were held and which were not, read guidance chosen for what was held, and ask the welfare team for protective support.");
            Heading("Notices sent to the people affected", 3);
            if (report.Notices.Count == 0)
            {
                Para("No notice about this incident has been sent yet.");
            }
            else
            {
                Table(["Notice", "Sent", "Recipients", "Delivered", "Confirmed read"],
                    report.Notices.Select(n => new[] { n.Subject, n.StartedUtc is { } s ? UkTime.Format(s, "d MMM yyyy") : "", N(n.Recipients), N(n.Delivered), N(n.Confirmed) }));
            }

            Heading("Support offered and taken up", 3);
            Para($"{N(report.SupportRequests)} requests for protective support from {N(report.PeopleWhoAskedForSupport)} of the people affected since the breach was discovered.");
            if (report.SupportByType.Count > 0)
            {
                Table(["Support asked for", "Requests"], report.SupportByType.Select(s => new[] { s.Type, N(s.Requests) }));
            }

            Heading("Guidance published", 3);
            Table(["Guidance", "Last reviewed"], report.Guidance.Select(g => new[] { g.Title, Day(g.Reviewed) }));
            if (report.Text.OtherMeasures.Length > 0)
            {
                Heading("Other measures taken or proposed", 3);
                Para(report.Text.OtherMeasures);
            }

            Heading(WhenHeading, 2);
            Para($"Discovered on {Day(report.DiscoveredOn)}.");
            Para(report.Text.ReportedOn is { } reported ? $"Reported to the Information Commissioner's Office on {Day(reported)}." : "Not yet reported to the Information Commissioner's Office.");
            if (report.Text.DelayReasons is { Length: > 0 } reasons)
            {
                Para("Reasons it was reported more than 72 hours after it was discovered: " + reasons);
            }

            main.Document.Save();
        }

        return memory.ToArray();
    }

    private static TableRow Row(string[] cells, bool header) => new([.. cells.Select(text => new TableCell(
        new Paragraph(new Run(header ? new RunProperties(new Bold()) : new RunProperties(), new WordText(text) { Space = SpaceProcessingModeValues.Preserve }))))]);

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        Style Heading(int level, string size) => new(
            new StyleName { Val = $"heading {level}" },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = level - 1 }),
            new StyleRunProperties(new Bold(), new FontSize { Val = size }))
        { Type = StyleValues.Paragraph, StyleId = $"Heading{level}" };

        styles.Styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial" }, new FontSize { Val = "22" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle(), new StyleParagraphProperties(new SpacingBetweenLines { After = "120" })) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Heading(1, "36"),
            Heading(2, "28"),
            Heading(3, "24"));
        styles.Styles.Save();
    }
}
