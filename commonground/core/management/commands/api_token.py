from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from commonground.core.actions.api_tokens import issue_api_token, revoke_api_token
from commonground.core.models import Agency, ApiToken, User
from commonground.core.models.api_tokens import ApiScope


class Command(BaseCommand):
    help = "Issue, list or revoke agency API tokens. The key is shown once, when issued."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        issue = sub.add_parser("issue")
        issue.add_argument("--agency", required=True, help="The agency's exact name")
        issue.add_argument("--name", required=True, help="What will use the token")
        issue.add_argument("--scope", action="append", required=True, choices=ApiScope.values)
        issue.add_argument("--days", type=int, default=365, help="Days until it expires (0: never)")
        issue.add_argument("--by", help="Username of the administrator issuing it")
        sub.add_parser("list")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix", help="The 8 characters after cg_")
        revoke.add_argument("--reason", required=True)
        revoke.add_argument("--by", help="Username of the administrator revoking it")

    def handle(self, verb, **options):
        actor = None
        if options.get("by"):
            actor = User.objects.filter(username=options["by"]).first()
            if actor is None:
                raise CommandError(f"No user is called '{options['by']}'.")
        if verb == "issue":
            agency = Agency.objects.filter(name=options["agency"]).first()
            if agency is None:
                raise CommandError(f"No agency is called '{options['agency']}'.")
            expires = timezone.now() + timedelta(days=options["days"]) if options["days"] else None
            try:
                token, key = issue_api_token(
                    actor=actor,
                    agency=agency,
                    name=options["name"],
                    scopes=options["scope"],
                    expires_at=expires,
                )
            except ValueError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"Token '{token.name}' for {agency}: {key}")
            self.stdout.write("Store it now: it is not shown again.")
        elif verb == "list":
            for token in ApiToken.objects.select_related("agency"):
                state = "revoked" if token.revoked_at else "active"
                self.stdout.write(
                    f"cg_{token.key_prefix}_…  {token.agency}  {token.name}  {token.scopes}  {state}"
                )
        else:
            to_revoke = ApiToken.objects.filter(key_prefix=options["prefix"]).first()
            if to_revoke is None:
                raise CommandError("No token has that prefix.")
            try:
                revoke_api_token(actor=actor, token=to_revoke, reason=options["reason"])
            except ValueError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(self.style.SUCCESS(f"Revoked {to_revoke}."))
