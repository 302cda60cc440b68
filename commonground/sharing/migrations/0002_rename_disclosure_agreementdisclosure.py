from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    # Governance keeps its own disclosure log (`governance.Disclosure`); one name, one meaning.

    dependencies = [
        ("core", "0024_break_glass_and_access_review"),
        ("sharing", "0001_sharing_agreements"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Disclosure", new_name="AgreementDisclosure"),
        migrations.RenameIndex(
            model_name="agreementdisclosure",
            new_name="sharing_agr_agreeme_9820de_idx",
            old_name="sharing_dis_agreeme_e4db22_idx",
        ),
    ]
