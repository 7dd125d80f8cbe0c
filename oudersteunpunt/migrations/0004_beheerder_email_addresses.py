from django.db import migrations

from oudersteunpunt.roles import ALL_ACTIONS, BEHEERDER, grant, role_migration


@role_migration
def grant_email_addresses(apps, schema_editor):
    # The beheerder invites staff and buddies, so manages their e-mail addresses too.
    grant(apps, (BEHEERDER,), "account", ["emailaddress"], ALL_ACTIONS)


class Migration(migrations.Migration):
    dependencies = [("oudersteunpunt", "0003_alter_sitesettings_options"), ("account", "0009_emailaddress_unique_primary_email")]

    operations = [migrations.RunPython(grant_email_addresses, migrations.RunPython.noop)]
