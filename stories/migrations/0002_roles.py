from django.db import migrations

from oudersteunpunt.roles import BEHEERDER, CONSULENT, NETWERKGROEP, grant, role_migration


@role_migration
def grant_stories(apps, schema_editor):
    # The netwerkgroep moderates the stories; a story arrives through the site, never through the admin.
    grant(apps, (NETWERKGROEP, CONSULENT, BEHEERDER), "stories", ["story"], ("view", "change"))
    grant(apps, (BEHEERDER,), "stories", ["story"], ("delete",))


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial"), ("oudersteunpunt", "0002_roles")]

    operations = [migrations.RunPython(grant_stories, migrations.RunPython.noop)]
