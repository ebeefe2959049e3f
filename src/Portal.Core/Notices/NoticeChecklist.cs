using System.Text.RegularExpressions;

namespace Portal.Core.Notices;

/// <summary>
/// UK GDPR Article 34(2): a notice to the people a breach puts at high risk must, in clear and plain language, say
/// what happened, who to contact for more information, the likely consequences, and what is being done about it.
/// This looks for each in a notice's subject and body (by the words such a sentence uses) and says which it cannot
/// find, so the administrator can look again before sending; it never stops a notice being sent.
/// </summary>
public static partial class NoticeChecklist
{
    public static IReadOnlyList<ChecklistItem> Check(string? subject, string? body)
    {
        var text = $"{subject}\n{body}";
        return
        [
            new("What happened", WhatHappened().IsMatch(text),
                "It does not seem to say what happened: what was taken or exposed, and from where (or use ((incident_title)))."),
            new("Who to contact", Contact().IsMatch(text),
                "It does not seem to say who to contact for more information or support: a team, an address, a number, or the portal's support form."),
            new("The likely consequences", Consequences().IsMatch(text),
                "It does not seem to say what could happen to them because of it: the risks the details held bring."),
            new("What is being done", BeingDone().IsMatch(text),
                "It does not seem to say what the force is doing about it, or what it will do."),
        ];
    }

    [GeneratedRegex(@"\(\(incident_title\)\)|\b(breach\w*|expos\w*|stolen|taken|accessed|leak\w*|compromised|hack\w*|disclos\w*|lost|published|incident)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhatHappened();

    [GeneratedRegex(@"\b(contact\w*|call|phone|telephone|e-?mail|helpline|extension|speak to|talk to|get in touch|ask for support|welfare team|support form)\b|@", RegexOptions.IgnoreCase)]
    private static partial Regex Contact();

    [GeneratedRegex(@"\b(risks?|could|might|may be|consequences?|likely|target\w*|impersonat\w*|recognis\w*|scams?|phishing|approach\w*|fraud)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Consequences();

    [GeneratedRegex(@"\b(we have|we've|we are|we're|we will|we'll|is being|are being|has been|have been|measures|steps|investigat\w*|working with|taken action|reissu\w*|replac\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BeingDone();
}

/// <summary>One thing Article 34(2) asks a notice to say: whether it seems to, and what to look for when it does not.</summary>
public sealed record ChecklistItem(string Item, bool Found, string Missing);
