"""Each referral gets a random reference to quote (SG-7K3M-9Q2X) in place of one built from its
row number, which revealed how many referrals the partnership holds. Existing referrals get one
here; 0006 then makes the reference required and unique (in its own transaction, as PostgreSQL
refuses to alter a table with row changes still pending in the same one)."""

from django.db import migrations, models

import commonground.safeguarding.models.referrals


def give_existing_referrals_a_reference(apps, schema_editor):
    Referral = apps.get_model("safeguarding", "Referral")
    new_reference = commonground.safeguarding.models.referrals.new_referral_reference
    taken: set[str] = set()
    for referral in Referral.objects.only("pk").iterator():
        reference = new_reference()
        while reference in taken:
            reference = new_reference()
        taken.add(reference)
        Referral.objects.filter(pk=referral.pk).update(reference=reference)


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0004_retention_review")]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="reference",
            field=models.CharField(editable=False, max_length=12, null=True),
        ),
        migrations.RunPython(give_existing_referrals_a_reference, migrations.RunPython.noop),
    ]
