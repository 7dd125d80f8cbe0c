from django.db import migrations

from oudersteunpunt.roles import ALL_ACTIONS, BEHEERDER, CONSULENT, NETWERKGROEP, grant, role_migration


@role_migration
def grant_events(apps, schema_editor):
    grant(apps, (NETWERKGROEP, CONSULENT, BEHEERDER), "events", ["eventtype", "event", "signup"], ALL_ACTIONS)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), ("oudersteunpunt", "0002_roles")]

    operations = [migrations.RunPython(grant_events, migrations.RunPython.noop)]
