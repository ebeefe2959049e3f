namespace Portal.Core.Domain;

/// <summary>
/// The fixed catalogue of data fields, in the order people read them. The same rows are seeded into the
/// <c>data_fields</c> table by the first migration, so pages can join against it.
/// </summary>
public static class DataFieldCatalogue
{
    public static IReadOnlyList<DataField> All { get; } =
    [
        new()
        {
            Key = "name", Flag = HeldFields.Name, Name = "Your name", DisplayOrder = 1,
            Meaning = "Your given name and family name as they appear on your warrant card or pass.",
            WhyItMatters = "Someone can search for your name online, on social media and on people-search sites to find where you live or who your family are. A distinctive name is easier to find.",
        },
        new()
        {
            Key = "rank_or_grade", Flag = HeldFields.RankOrGrade, Name = "Your rank or grade", DisplayOrder = 2,
            Meaning = "Your police rank (for example Constable or Inspector) or your staff grade.",
            WhyItMatters = "It confirms that you work for the police and how senior you are, which can make you a target for approaches or help someone impersonate you or a colleague.",
        },
        new()
        {
            Key = "photo", Flag = HeldFields.Photo, Name = "Your photo", DisplayOrder = 3,
            Meaning = "The photograph printed on your warrant card or pass.",
            WhyItMatters = "A photo lets someone recognise you in person or match you to social media profiles, and could be used on a cloned warrant card or pass.",
        },
        new()
        {
            Key = "vetting_level", Flag = HeldFields.VettingLevel, Name = "Your vetting level", DisplayOrder = 4,
            Meaning = "The level of security vetting you hold, such as NPPV2, SC or DV.",
            WhyItMatters = "A high vetting level shows that you may have access to sensitive information, which can make you more interesting to criminals or hostile states.",
        },
        new()
        {
            Key = "pay_number", Flag = HeldFields.PayNumber, Name = "Your pay number", DisplayOrder = 5,
            Meaning = "The number that identifies you in the force's HR and pay systems.",
            WhyItMatters = "It can be used to make a phone call or e-mail pretending to be you, or from HR, sound genuine. The force will never ask you to confirm it by e-mail.",
        },
        new()
        {
            Key = "id_card_number", Flag = HeldFields.IdCardNumber, Name = "Your warrant card or pass number", DisplayOrder = 6,
            Meaning = "The serial number printed on your warrant card or staff pass.",
            WhyItMatters = "With your name and photo it could help someone produce a convincing cloned card. Lost or suspected cloned cards can be cancelled and replaced.",
        },
        new()
        {
            Key = "unit", Flag = HeldFields.Unit, Name = "Your unit", DisplayOrder = 7,
            Meaning = "The team, unit or command you work in.",
            WhyItMatters = "It shows what kind of work you do, which matters most for specialist, covert and protection roles.",
        },
        new()
        {
            Key = "work_location", Flag = HeldFields.WorkLocation, Name = "Your work location", DisplayOrder = 8,
            Meaning = "The police station or building where you are based.",
            WhyItMatters = "It tells someone where you can be found at the start and end of a shift.",
        },
        new()
        {
            Key = "email", Flag = HeldFields.Email, Name = "Your work e-mail address", DisplayOrder = 9,
            Meaning = "Your work e-mail address.",
            WhyItMatters = "It can be used to send you convincing phishing e-mails. Be wary of unexpected messages that mention the breach.",
        },
    ];

    private static readonly Dictionary<string, DataField> ByKey =
        All.ToDictionary(f => f.Key, StringComparer.OrdinalIgnoreCase);

    public static bool TryGetByKey(string key, out DataField field) =>
        ByKey.TryGetValue(key.Trim(), out field!);

    public static string KeyList => string.Join(", ", All.Select(f => f.Key));

    public static IEnumerable<DataField> In(HeldFields fields) => All.Where(f => fields.HasFlag(f.Flag));

    public static IEnumerable<DataField> NotIn(HeldFields fields) => All.Where(f => !fields.HasFlag(f.Flag));

    public static string ToManifestList(HeldFields fields) => string.Join(';', In(fields).Select(f => f.Key));
}
