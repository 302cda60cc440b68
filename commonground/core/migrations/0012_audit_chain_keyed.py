# The audit chain is keyed from here on (docs/decisions/0009): each event records how it was
# sealed in `chain_version`; events already written keep their unkeyed SHA-256 seal (version 1).
# Those can be recomputed by anyone, so the chain's head at the cut-over is written to the anchor
# file outside the database: the verifier accepts unkeyed events only up to an anchored sequence.

from django.db import migrations, models

from commonground.core import append_only


def anchor_unkeyed_events(apps, schema_editor):
    # On SQLite, adding the column rebuilt the table, and its triggers went with the old one.
    append_only.install(schema_editor.connection)
    head = apps.get_model("core", "AuditChainHead").objects.using(schema_editor.connection.alias).first()
    if head is not None and head.sequence > 0:
        from commonground.core import audit_anchors

        audit_anchors.append(sequence=head.sequence, hash=head.hash, note="cut-over to the keyed chain")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0011_audit_actions"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain_version",
            field=models.PositiveSmallIntegerField(default=1, editable=False),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "Created"),
                    ("update", "Updated"),
                    ("delete", "Deleted"),
                    ("view", "Viewed"),
                    ("export", "Exported"),
                    ("sign_in", "Signed in"),
                    ("sign_in_failed", "Failed sign-in"),
                    ("sign_out", "Signed out"),
                    ("locked_out", "Locked out"),
                    ("second_factor_enrolled", "Set up two-factor authentication"),
                    ("second_factor_failed", "Failed two-factor code"),
                    ("password_reset_requested", "Asked for a password reset"),
                    ("password_changed", "Changed password"),
                    ("erase", "Erased under retention"),
                    ("audit_events_removed", "Removed audit events past retention"),
                    ("audit_events_redacted", "Withheld secrets recorded in audit events"),
                ],
                editable=False,
                max_length=40,
            ),
        ),
        migrations.RunPython(anchor_unkeyed_events, migrations.RunPython.noop),
    ]
