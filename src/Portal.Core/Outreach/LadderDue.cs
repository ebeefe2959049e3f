using Portal.Core.Data;
using Portal.Core.Domain;
using Portal.Core.Notices;

namespace Portal.Core.Outreach;

/// <summary>
/// Writes the ladder's rows for those a step has fallen due for: sent the notice at least the step's hours ago (or, for
/// every step but the reminder e-mail, never reached by it: the relay refused their address for good), active,
/// not confirmed (the notice or a reminder that followed it up), and for a text, holding a confirmed mobile. One
/// INSERT … SELECT a step, whatever the campaign's size; the unique (campaign, person, step) key makes it safe to run
/// again, or on two nodes at once.
/// </summary>
public sealed class LadderDue(PortalDbContext db, DeliveryRows rows)
{
    public async Task<int> WriteAsync(NoticeCampaign campaign, DateTime now, CancellationToken cancellationToken)
    {
        var o = TableMap.For<Escalation>(db);
        var d = TableMap.For<Delivery>(db);
        var p = TableMap.For<Person>(db);
        var a = TableMap.For<Acknowledgement>(db);
        var c = TableMap.For<NoticeCampaign>(db);
        var m = TableMap.For<MobileNumber>(db);
        var written = 0;
        foreach (var (step, hours) in Ladder.Of(campaign).Steps)
        {
            var mobile = step == LadderStep.Text
                ? $"AND EXISTS (SELECT 1 FROM {m.Name} mn WHERE mn.{m[nameof(MobileNumber.PersonId)]} = dd.{d[nameof(Delivery.PersonId)]} AND mn.{m[nameof(MobileNumber.NumberProtected)]} IS NOT NULL) "
                : "";
            var cutoff = now.AddHours(-hours);
            // Those the e-mail never reached (refused for good) go on to the other steps, timed from when the campaign
            // started; a reminder e-mail would be refused again.
            var unreached = step != LadderStep.Reminder && campaign.StartedUtc <= cutoff ? $" OR dd.{d[nameof(Delivery.Status)]} = @failed" : "";
            written += await rows.ExecuteAsync(
                $"INSERT INTO {o.Name} ({o[nameof(Escalation.CampaignId)]}, {o[nameof(Escalation.PersonId)]}, {o[nameof(Escalation.Step)]}, {o[nameof(Escalation.Status)]}, " +
                $"{o[nameof(Escalation.Attempts)]}, {o[nameof(Escalation.CreatedUtc)]}) " +
                $"SELECT dd.{d[nameof(Delivery.CampaignId)]}, dd.{d[nameof(Delivery.PersonId)]}, @step, @pending, 0, @now FROM {d.Name} dd " +
                $"WHERE dd.{d[nameof(Delivery.CampaignId)]} = @campaign AND ((dd.{d[nameof(Delivery.Status)]} = @sent AND dd.{d[nameof(Delivery.SentUtc)]} <= @cutoff){unreached}) " +
                $"AND EXISTS (SELECT 1 FROM {p.Name} pp WHERE pp.{p[nameof(Person.Id)]} = dd.{d[nameof(Delivery.PersonId)]} AND pp.{p[nameof(Person.Status)]} = @active) " +
                $"AND NOT EXISTS (SELECT 1 FROM {a.Name} aa WHERE aa.{a[nameof(Acknowledgement.PersonId)]} = dd.{d[nameof(Delivery.PersonId)]} AND aa.{a[nameof(Acknowledgement.CampaignId)]} IN " +
                $"(SELECT cc.{c[nameof(NoticeCampaign.Id)]} FROM {c.Name} cc WHERE cc.{c[nameof(NoticeCampaign.Id)]} = @campaign OR cc.{c[nameof(NoticeCampaign.AudienceCampaignId)]} = @campaign)) " +
                mobile +
                $"ON CONFLICT ({o[nameof(Escalation.CampaignId)]}, {o[nameof(Escalation.PersonId)]}, {o[nameof(Escalation.Step)]}) DO NOTHING",
                cancellationToken,
                ("@step", step.ToString()), ("@pending", nameof(EscalationStatus.Pending)), ("@now", now), ("@campaign", campaign.Id), ("@sent", nameof(DeliveryStatus.Sent)),
                ("@cutoff", cutoff), ("@active", nameof(PersonStatus.Active)), ("@failed", nameof(DeliveryStatus.FailedPermanent)));
        }

        return written;
    }
}
