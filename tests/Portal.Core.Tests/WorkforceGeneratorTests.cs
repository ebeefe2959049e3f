using System.Security.Cryptography;
using Portal.Core.DemoData;
using Portal.Core.Domain;
using Portal.Core.Imports;

namespace Portal.Core.Tests;

public sealed class WorkforceGeneratorTests
{
    private static readonly SyntheticWorkforce Workforce = WorkforceGenerator.Generate();
    private static readonly IReadOnlyList<PersonnelRecord> People = Workforce.People;

    private static string PersonnelFileHash(SyntheticWorkforce workforce)
    {
        using var stream = new MemoryStream();
        WorkforceFiles.WritePersonnel(workforce.People, stream);
        return Convert.ToHexString(SHA256.HashData(stream.ToArray()));
    }

    private static double Share(Func<PersonnelRecord, bool> predicate) => People.Count(predicate) / (double)People.Count;

    [Fact]
    public void SameSeed_GivesTheSameFilesByteForByte()
    {
        Assert.Equal(PersonnelFileHash(Workforce), PersonnelFileHash(WorkforceGenerator.Generate()));
    }

    [Fact]
    public void DifferentSeed_GivesADifferentWorkforce()
    {
        Assert.NotEqual(PersonnelFileHash(Workforce), PersonnelFileHash(WorkforceGenerator.Generate(seed: 7)));
    }

    [Fact]
    public void Workforce_Has47000PeopleWithUniquePayNumbersAndEmails()
    {
        Assert.Equal(47_000, People.Count);
        Assert.Equal(People.Count, People.Select(p => p.PayNumber).Distinct().Count());
        Assert.Equal(People.Count, People.Select(p => p.Email.ToLowerInvariant()).Distinct().Count());
        Assert.All(People, p => Assert.Matches(@"^[a-z\-]+\.[a-z\-]+\d*@northshire\.police\.example$", p.Email));
    }

    [Fact]
    public void Workforce_IsAboutThreeQuartersOfficersInARankPyramid()
    {
        Assert.InRange(Share(p => p.PersonnelType == PersonnelType.Officer), 0.72, 0.78);
        string[] pyramid = ["Constable", "Sergeant", "Inspector", "Chief Inspector", "Superintendent", "Chief Superintendent", "Commander"];
        var counts = pyramid.Select(rank => People.Count(p => p.RankOrGrade == rank || p.RankOrGrade == "Detective " + rank)).ToList();
        Assert.Equal(counts.OrderByDescending(c => c), counts);
        Assert.Single(People, p => p.RankOrGrade == "Commissioner");
        Assert.Contains(People, p => p.PersonnelType == PersonnelType.Staff && p.RankOrGrade.StartsWith("Band ", StringComparison.Ordinal));
    }

    [Fact]
    public void Workforce_IsMostlyNppvWithSomeScAndFewDv()
    {
        var nppv = Share(p => p.VettingLevel is VettingLevel.NPPV1 or VettingLevel.NPPV2 or VettingLevel.NPPV3);
        var sc = Share(p => p.VettingLevel == VettingLevel.SC);
        var dv = Share(p => p.VettingLevel == VettingLevel.DV);
        Assert.InRange(nppv, 0.70, 0.90);
        Assert.InRange(sc, 0.08, 0.20);
        Assert.InRange(dv, 0.005, 0.05);
    }

    [Fact]
    public void Workforce_HasAboutThreePercentInSensitiveRolesAndSomeLeavers()
    {
        Assert.InRange(Share(p => p.SensitiveRole != SensitiveRole.None), 0.025, 0.035);
        Assert.All(People.Where(p => p.SensitiveRole != SensitiveRole.None), p => Assert.True(p.VettingLevel is VettingLevel.SC or VettingLevel.DV));
        Assert.InRange(Share(p => p.Status == PersonStatus.Leaver), 0.01, 0.05);
    }

    [Fact]
    public void Names_IncludeApostrophesHyphensSpacesAndNonAsciiLetters()
    {
        var families = People.Select(p => p.FamilyName).ToHashSet();
        Assert.Contains("O'Brien", families);
        Assert.Contains("Ó Súilleabháin", families);
        Assert.Contains("Nguyễn", families);
        Assert.Contains(families, f => f.Contains('-'));
        Assert.InRange(Share(p => p.GivenName.Any(c => c > 127) || p.FamilyName.Any(c => c > 127)), 0.02, 0.5);
        // Rare names exist: some family names are carried by only one person.
        Assert.Contains(People.GroupBy(p => p.FamilyName), g => g.Count() == 1);
    }

    [Fact]
    public void SupplierBreach_HoldsMostPeopleButNoRecentJoiners()
    {
        var breach = Workforce.Incidents.Single(i => i.Reference == WorkforceGenerator.SupplierBreachReference);
        var held = breach.Manifest.ToDictionary(m => m.PayNumber, m => m.Fields);
        var inHr = People.Count(p => held.ContainsKey(p.PayNumber));
        Assert.InRange(inHr / (double)People.Count, 0.90, 0.98);
        Assert.DoesNotContain(People.TakeLast(1_000), p => held.ContainsKey(p.PayNumber));

        const HeldFields six = HeldFields.Name | HeldFields.RankOrGrade | HeldFields.Photo | HeldFields.VettingLevel | HeldFields.PayNumber | HeldFields.IdCardNumber;
        Assert.InRange(held.Values.Count(f => f == six) / (double)held.Count, 0.7, 0.9);
        Assert.Contains(held.Values, f => f != six && f.HasFlag(HeldFields.Name));
        var payNumbers = People.Select(p => p.PayNumber).ToHashSet();
        Assert.Contains(breach.Manifest, m => !payNumbers.Contains(m.PayNumber));
    }

    [Fact]
    public void Disclosure_IsSmallerWithDifferentFields()
    {
        var disclosure = Workforce.Incidents.Single(i => i.Reference == WorkforceGenerator.DisclosureReference);
        Assert.InRange(disclosure.Manifest.Count, 500, 5_000);
        Assert.All(disclosure.Manifest, m => Assert.Equal(HeldFields.Name | HeldFields.RankOrGrade | HeldFields.Unit | HeldFields.WorkLocation, m.Fields));
    }

    [Fact]
    public void Personas_AreInTheWorkforceWithTheExposureTheyDemonstrate()
    {
        foreach (var persona in PersonaPeople.All)
        {
            Assert.Contains(persona, People);
        }

        bool In(string reference, PersonnelRecord p) => Workforce.Incidents.Single(i => i.Reference == reference).Manifest.Any(m => m.PayNumber == p.PayNumber);
        Assert.True(In(WorkforceGenerator.SupplierBreachReference, PersonaPeople.AffectedConstable));
        Assert.True(In(WorkforceGenerator.DisclosureReference, PersonaPeople.AffectedConstable));
        Assert.True(In(WorkforceGenerator.SupplierBreachReference, PersonaPeople.CovertOfficer));
        Assert.False(In(WorkforceGenerator.SupplierBreachReference, PersonaPeople.UnaffectedStaff));
        Assert.False(In(WorkforceGenerator.DisclosureReference, PersonaPeople.UnaffectedStaff));
    }
}
