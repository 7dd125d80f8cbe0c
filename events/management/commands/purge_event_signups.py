from django.conf import settings
from django.core.management.base import BaseCommand

from events.models import SUBSCRIPTION_CONFIRM_DAYS
from events.services import purge_event_signups, subscription_purge


class Command(BaseCommand):
    help = (
        "Wist namen en contactgegevens van aanmeldingen, een aantal dagen na de activiteit. De aantallen blijven. "
        "Wist ook adressen voor mail bij nieuwe activiteiten die niet op tijd zijn bevestigd."
    )

    def handle(self, *args, **options):
        count = purge_event_signups()
        self.stdout.write(f"{count} aanmeldingen gewist (ouder dan {settings.EVENT_SIGNUP_RETENTION_DAYS} dagen).")
        # The part's nightly clean-up, so a site that runs only this command forgets them too.
        count = subscription_purge()
        self.stdout.write(f"{count} niet bevestigde adressen gewist (ouder dan {SUBSCRIPTION_CONFIRM_DAYS} dagen).")
