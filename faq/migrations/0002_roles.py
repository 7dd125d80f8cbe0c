from django.db import migrations

from oudersteunpunt.roles import ALL_ACTIONS, BEHEERDER, CONSULENT, NETWERKGROEP, grant, role_migration


@role_migration
def grant_faq(apps, schema_editor):
    staff = (NETWERKGROEP, CONSULENT, BEHEERDER)
    grant(apps, staff, "faq", ["phase", "theme", "question", "term"], ALL_ACTIONS)
    grant(apps, staff, "faq", ["missedsearch"], ("view", "delete"))


class Migration(migrations.Migration):
    dependencies = [("faq", "0001_initial"), ("oudersteunpunt", "0002_roles")]

    operations = [migrations.RunPython(grant_faq, migrations.RunPython.noop)]
