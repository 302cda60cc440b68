from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from commonground.core.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create the clearly-synthetic demo agencies and one demo account per role. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-sign-ins", action="store_true", help="Do not print the sign-ins")
        parser.add_argument(
            "--allow-production", action="store_true", help="Allow demo accounts with DEBUG off (not advised)"
        )

    def handle(self, quiet_sign_ins, allow_production, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Demo accounts are for development (DEBUG on). Pass --allow-production to insist."
            )
        accounts = load_demo()
        # Each capability may add its own demo set-up (a `demo` module with `load_demo()`), then,
        # once every set-up is in place, its demo records (`load_demo_records()`).
        modules = []
        for app_config in apps.get_app_configs():
            if app_config.name.startswith("commonground.") and app_config.label != "core":
                try:
                    modules.append(import_module(f"{app_config.name}.demo"))
                except ModuleNotFoundError:
                    continue
        for module in modules:
            module.load_demo()
        for module in modules:
            if hasattr(module, "load_demo_records"):
                module.load_demo_records()
        if quiet_sign_ins:
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo sign-ins (synthetic accounts, for development only)"))
        self.stdout.write(f"  Password for every account: {DEMO_PASSWORD}")
        for account in accounts:
            self.stdout.write(f"  {account.username:<20} {account.role_label:<45} {account.agency}")
        self.stdout.write("")
        self.stdout.write("  Second factor: each account has an authenticator key set up already. Get the")
        self.stdout.write("  current 6-digit code with:   make otp ACCOUNT=<username>")
        self.stdout.write("  or add the key it prints to an authenticator app.")
        self.stdout.write("")
