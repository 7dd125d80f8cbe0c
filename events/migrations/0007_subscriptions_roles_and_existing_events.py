from django.db import migrations

from oudersteunpunt.roles import BEHEERDER, CONSULENT, grant, role_migration


@role_migration
def grant_subscriptions(apps, schema_editor):
    # Addresses of people, like contact requests: the consulent and the beheerder, not the netwerkgroep.
    grant(apps, (CONSULENT, BEHEERDER), "events", ["subscription"], ("view", "delete"))


def existing_events_are_told(apps, schema_editor):
    """Events published before this feature are not news: saving one later mails nobody."""
    Event = apps.get_model("events", "Event")
    EventAnnouncement = apps.get_model("events", "EventAnnouncement")
    EventAnnouncement.objects.bulk_create(
        [EventAnnouncement(event_id=pk) for pk in Event.objects.filter(published=True).values_list("pk", flat=True)],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0006_subscriptions"), ("oudersteunpunt", "0002_roles")]

    operations = [
        migrations.RunPython(grant_subscriptions, migrations.RunPython.noop),
        migrations.RunPython(existing_events_are_told, migrations.RunPython.noop),
    ]
