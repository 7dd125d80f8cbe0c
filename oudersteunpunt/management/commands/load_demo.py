from django.core.management.base import BaseCommand
from django.db import transaction

from oudersteunpunt import demo, pagecache, registry


class Command(BaseCommand):
    help = "Vult de site met voorbeeldinhoud en demo-gebruikers. Twee keer draaien verandert niets."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="Maak veel meer inhoud aan, voor de benchmark (bijvoorbeeld 100)."
        )

    def handle(self, *args, scale, **options):
        with transaction.atomic():
            demo.load(self.stdout, scale=scale)
            for loader in registry.demo_loaders:
                loader.load(self.stdout, scale=scale)
        pagecache.bump_version()  # demo content is partly bulk-created, which sends no signals
        self.stdout.write(self.style.SUCCESS("Voorbeeldinhoud staat klaar."))
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (wachtwoord: {demo.DEMO_PASSWORD}):")
        for email, _name, role, staff in demo.all_users():
            extra = f", 2FA-sleutel {demo.DEMO_TOTP_SECRET}" if staff else ""
            self.stdout.write(f"  {email:28} {role or '-'}{extra}")
        self.stdout.write("Site: http://127.0.0.1:8000/   Beheer: http://127.0.0.1:8000/beheer/")
