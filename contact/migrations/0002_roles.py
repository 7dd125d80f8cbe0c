from django.db import migrations

from oudersteunpunt.roles import ALL_ACTIONS, BEHEERDER, CONSULENT, NETWERKGROEP, grant, role_migration


@role_migration
def grant_contact(apps, schema_editor):
    # Requests hold personal data: consulent and beheerder only, never the netwerkgroep.
    grant(apps, (CONSULENT, BEHEERDER), "contact", ["contactrequest", "contactnote"], ("view", "change"))
    grant(apps, (CONSULENT, BEHEERDER), "contact", ["contactnote"], ("add",))
    grant(apps, (BEHEERDER,), "contact", ["contactrequest", "contactnote"], ("delete",))
    grant(apps, (CONSULENT, BEHEERDER), "contact", ["topic"], ALL_ACTIONS)
    # The overview shows counts only, so the netwerkgroep may see it too.
    grant(apps, (NETWERKGROEP, CONSULENT, BEHEERDER), "oudersteunpunt", [], codenames=["view_overview"])


class Migration(migrations.Migration):
    dependencies = [("contact", "0001_initial"), ("oudersteunpunt", "0003_alter_sitesettings_options")]

    operations = [migrations.RunPython(grant_contact, migrations.RunPython.noop)]
