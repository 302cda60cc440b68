"""Every referral now has a reference (0005): make it required and unique."""

from django.db import migrations, models

import commonground.safeguarding.models.referrals


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0005_referral_reference")]

    operations = [
        migrations.AlterField(
            model_name="referral",
            name="reference",
            field=models.CharField(
                default=commonground.safeguarding.models.referrals.new_referral_reference,
                editable=False,
                max_length=12,
                unique=True,
            ),
        ),
    ]
