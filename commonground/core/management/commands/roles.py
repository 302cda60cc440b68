from django.core.management.base import BaseCommand, CommandError

from commonground.core.actions.roles import grant_role, revoke_role, sync_role_groups
from commonground.core.models import User
from commonground.core.queries import roles_drift, roles_of
from commonground.core.roles import ROLE_PERMISSIONS, Role


class Command(BaseCommand):
    help = "Manage roles: list, sync (groups and permissions to the shipped defaults), check, grant, revoke."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("list", help="Roles and their permissions")
        sub.add_parser("sync", help="Create or reset the role groups to the shipped permissions")
        sub.add_parser("check", help="Report groups that differ from the shipped permissions")
        for verb in ("grant", "revoke"):
            p = sub.add_parser(verb, help=f"{verb.title()} a role")
            p.add_argument("username")
            p.add_argument("role", choices=[r.value for r in Role])
            p.add_argument(
                "--by", help="Username of the administrator making the change (recorded in the audit)"
            )
            p.add_argument("--reason", default="")

    def handle(self, verb, **options):
        if verb == "list":
            for role in Role:
                self.stdout.write(f"{role.value}  ({role.label})")
                for permission in sorted(ROLE_PERMISSIONS[role]):
                    self.stdout.write(f"    {permission.value}")
        elif verb == "sync":
            changed = sync_role_groups()
            self.stdout.write(
                self.style.SUCCESS(f"Synced roles; changed: {', '.join(changed) or 'nothing'}.")
            )
        elif verb == "check":
            drift = roles_drift()
            for name, diff in drift.items():
                self.stdout.write(f"{name}: missing {diff['missing']}, extra {diff['extra']}")
            if drift:
                raise CommandError("Some roles differ from the shipped defaults (run `roles sync` to reset).")
            self.stdout.write(self.style.SUCCESS("Every role matches the shipped defaults."))
        else:
            user = self._user(options["username"])
            actor = self._user(options["by"]) if options.get("by") else None
            role = Role(options["role"])
            change = grant_role if verb == "grant" else revoke_role
            did = change(actor=actor, user=user, role=role, reason=options["reason"])
            state = "done" if did else "no change needed"
            roles = ", ".join(r.label for r in roles_of(user)) or "none"
            self.stdout.write(
                self.style.SUCCESS(f"{verb} {role.label} for {user.username}: {state}. Roles now: {roles}.")
            )

    def _user(self, username: str) -> User:
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user is called '{username}'.") from None
