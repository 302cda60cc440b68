"""Consent decides: police teams need the reporter's consent to share with the police, victim
support teams consent to share with victim support. Reports already in such a team's queue
without current consent leave it; those with consent get a share record. A partnership triage team
receives what no rule routes; a report left with no team goes there, marked not routed by a rule."""

from django.db import migrations
from django.utils import timezone

PARTNERSHIP_AGENCY = "Common Ground partnership"
PARTNERSHIP_TRIAGE_TEAM = "Partnership triage team"
OLD_CONSENT_WORDING = "We pass your report to the police only if you agree. You can change your mind at any time from your private link."
NEW_CONSENT_WORDING = (
    "We pass your report to the police, or to victim support services, only if you agree, and only while you agree. "
    "If you change your mind from your private link, they can no longer see your report from that moment; "
    "they keep only what they have already done with it.\n\n"
    "The law allows us to share without your agreement only to protect someone's life or to keep a child safe. "
    "If we do, we tell you on your private link, unless telling you would put someone at risk.\n\n"
    "If we cannot tell where it happened from the postcode, we ask you to choose the area, so that your "
    "report always reaches a team."
)


def forwards(apps, schema_editor):
    Agency = apps.get_model("core", "Agency")
    Team = apps.get_model("reports", "Team")
    Report = apps.get_model("reports", "Report")
    ConsentRecord = apps.get_model("reports", "ConsentRecord")
    ShareRecord = apps.get_model("reports", "ShareRecord")
    now = timezone.now()

    Team.objects.filter(agency__kind="police").update(requires_consent="police")
    Team.objects.filter(name__icontains="victim support").update(requires_consent="victim_support")

    agency, _ = Agency.objects.get_or_create(name=PARTNERSHIP_AGENCY, defaults={"kind": "combined_authority"})
    triage, _ = Team.objects.get_or_create(
        agency=agency, name=PARTNERSHIP_TRIAGE_TEAM, defaults={"is_partnership_triage": True}
    )

    for team in Team.objects.exclude(requires_consent=""):
        for report in Report.objects.filter(teams=team):
            latest = (
                ConsentRecord.objects.filter(report=report, partner=team.requires_consent)
                .order_by("-pk")
                .first()
            )
            if latest is not None and latest.given:
                ShareRecord.objects.create(report=report, team=team, basis="consent", shared_at=now)
            else:
                report.teams.remove(team)
    ContentPage = apps.get_model("reports", "ContentPage")
    for page in ContentPage.objects.filter(slug="what-happens-next", language="en"):
        if OLD_CONSENT_WORDING in page.body:  # not if staff have rewritten it
            page.body = page.body.replace(OLD_CONSENT_WORDING, NEW_CONSENT_WORDING)
            page.save(update_fields=["body"])

    for report in Report.objects.filter(teams__isnull=True):
        report.teams.add(triage)
        Report.objects.filter(pk=report.pk).update(not_routed_by_rule=True)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("reports", "0005_consent_decides_routing"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
