from django.db import migrations

from oudersteunpunt.roles import ALL_ACTIONS, BEHEERDER, CONSULENT, NETWERKGROEP, grant, role_migration


@role_migration
def create_roles(apps, schema_editor):
    staff = (NETWERKGROEP, CONSULENT, BEHEERDER)
    grant(apps, staff, "oudersteunpunt", ["page"], ("add", "change", "view"))
    grant(apps, staff, "oudersteunpunt", ["sitesettings"], ("change", "view"))
    grant(apps, (BEHEERDER,), "oudersteunpunt", ["page", "sitesettings", "queuedmail"], ALL_ACTIONS)
    grant(apps, (BEHEERDER,), "auth", ["user", "group"], ALL_ACTIONS)
    grant(apps, (BEHEERDER,), "mfa", ["authenticator"], ("view", "delete"))


class Migration(migrations.Migration):
    dependencies = [
        ("oudersteunpunt", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("mfa", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
