from django.core.management.base import BaseCommand

from events.services import send_event_reminders


class Command(BaseCommand):
    help = "Stuurt een herinnering aan wie morgen komt. Veilig om elk uur te draaien."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_event_reminders()} herinneringen verstuurd.")
