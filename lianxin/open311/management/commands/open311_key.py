"""Issue, list and revoke Open311 keys from the shell, as the admin's key action does.

manage.py open311_key issue hotline-12345 [--name "12345 主密钥"]   # prints the new key, once
manage.py open311_key list [hotline-12345]
manage.py open311_key revoke o311_Ab3x                               # a key's prefix (or its id)
manage.py open311_key revoke --system hotline-12345                  # every key of the system
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.open311.models import ApiKey, ExternalSystem
from lianxin.open311.services import key_issue, key_revoke


class Command(BaseCommand):
    help = "Issue, list and revoke the API keys of Open311 external systems."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        issue = actions.add_parser("issue", help="Issue a new key for an external system (printed once).")
        issue.add_argument("system", help="The external system's code, e.g. hotline-12345.")
        issue.add_argument("--name", default="", help="The key's name (default: the system's name).")
        listing = actions.add_parser("list", help="List keys: prefix, system, created, last used, revoked.")
        listing.add_argument("system", nargs="?", default="", help="Only this system's keys.")
        revoke = actions.add_parser(
            "revoke", help="Revoke a key by its prefix or id, or every key of a system."
        )
        revoke.add_argument("key", nargs="?", default="", help="The key's prefix (o311_…) or its id.")
        revoke.add_argument("--system", default="", help="Revoke every active key of this system.")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _system(self, code: str) -> ExternalSystem:
        system = ExternalSystem.objects.filter(code=code).first()
        if system is None:
            raise CommandError(_("There is no external system with the code %(code)s.") % {"code": code})
        return system

    def _issue(self, *, system, name, **_options):
        found = self._system(system)
        if not found.is_active:
            raise CommandError(_("The external system %(code)s is disabled.") % {"code": found.code})
        key, secret = key_issue(system=found, name=name)
        self.stderr.write(
            _("Key %(prefix)s… issued for %(system)s. It is shown only now; keep it safe.")
            % {"prefix": key.prefix, "system": found.name}
        )
        # The secret alone on stdout, so that a script can take it.
        self.stdout.write(secret)

    def _list(self, *, system, **_options):
        keys = ApiKey.objects.select_related("system").order_by("system__code", "-created_at")
        if system:
            keys = keys.filter(system=self._system(system))
        for key in keys:
            state = _("active")
            if key.revoked_at:
                state = _("revoked %(at)s") % {"at": f"{timezone.localtime(key.revoked_at):%Y-%m-%d %H:%M}"}
            used = f"{timezone.localtime(key.last_used_at):%Y-%m-%d %H:%M}" if key.last_used_at else "-"
            created = f"{timezone.localtime(key.created_at):%Y-%m-%d}"
            columns = [str(key.pk), f"{key.prefix}…", key.system.code, key.name, created, used, state]
            self.stdout.write("\t".join(columns))

    def _revoke(self, *, key, system, **_options):
        if bool(key) == bool(system):
            raise CommandError(_("Name one key (its prefix or id) or --system, not both."))
        if system:
            keys = list(ApiKey.objects.filter(system=self._system(system), revoked_at__isnull=True))
        else:
            keys = list(ApiKey.objects.filter(prefix=key)) or (
                list(ApiKey.objects.filter(pk=int(key))) if key.isdigit() else []
            )
            if len(keys) != 1:
                raise CommandError(
                    _("No key has this prefix or id.") if not keys else _("Several keys share this prefix.")
                )
        for found in keys:
            key_revoke(key=found)
            self.stdout.write(_("Key %(prefix)s… revoked.") % {"prefix": found.prefix})
