from django.db import migrations

from oudersteunpunt.roles import ALL_ACTIONS, BEHEERDER, CONSULENT, grant, role_migration


@role_migration
def grant_buddies(apps, schema_editor):
    # Requests, matches and profiles hold personal data: not for the netwerkgroep.
    models = ["buddyprofile", "buddyrequest", "match", "evaluation", "theme", "schooltype", "municipality", "language"]
    grant(apps, (CONSULENT, BEHEERDER), "buddies", models, ALL_ACTIONS)


class Migration(migrations.Migration):
    dependencies = [("buddies", "0001_initial"), ("oudersteunpunt", "0002_roles")]

    operations = [migrations.RunPython(grant_buddies, migrations.RunPython.noop)]
