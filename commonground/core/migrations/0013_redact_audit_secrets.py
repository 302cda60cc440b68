# Withholds the secrets (passwords typed into the admin's forms) already stored in audit events,
# and seals a redaction event naming each event redacted, so the chain still verifies. The one
# sanctioned edit of the audit trail: see commonground/core/audit_redaction_sweep.py and
# docs/decisions/0009.

from django.db import migrations


def redact(apps, schema_editor):
    from commonground.core.audit_key import chain_key
    from commonground.core.audit_redaction_sweep import redact_stored_secrets

    alias = schema_editor.connection.alias
    redact_stored_secrets(
        events=apps.get_model("core", "AuditEvent").objects.using(alias),
        heads=apps.get_model("core", "AuditChainHead").objects.using(alias),
        connection=schema_editor.connection,
        key=chain_key(),
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0012_audit_chain_keyed")]

    # Withheld values cannot be put back.
    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
