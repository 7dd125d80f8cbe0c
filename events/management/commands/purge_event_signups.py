from django.conf import settings
from django.core.management.base import BaseCommand

from events.services import purge_event_signups


class Command(BaseCommand):
    help = "Wist namen en contactgegevens van aanmeldingen, een aantal dagen na de activiteit. De aantallen blijven."

    def handle(self, *args, **options):
        count = purge_event_signups()
        self.stdout.write(f"{count} aanmeldingen gewist (ouder dan {settings.EVENT_SIGNUP_RETENTION_DAYS} dagen).")
