"""Create one of the three administrators from the shell: how a deployment gets its first system,
security and audit administrators (docs/operations.md, 账号初始化).

manage.py administrator_create sysadmin_wang system_admin      # asks for the initial password twice
manage.py administrator_create secadmin_li security_admin --password-stdin < file

Through ``people.appointments.administrator_create``: only the three administrator roles, each to an
account holding no other post; the password policy applies and the holder changes it at first sign-in.
"""

import getpass
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.people.appointments import administrator_create
from lianxin.people.roles import ADMIN_ROLES


class Command(BaseCommand):
    help = "Create a system, security or audit administrator (only these roles, never a business post)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="The account name; an existing account must hold no post.")
        parser.add_argument("role", choices=sorted(str(r) for r in ADMIN_ROLES))
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the initial password from the first line of standard input instead of asking.",
        )

    def handle(self, *args, username, role, password_stdin=False, **options):
        from lianxin.people.models import User

        password = ""  # nosec B105 - no password yet: read from stdin for a new account
        if not User.objects.filter(username=username).exists():
            if password_stdin:
                password = sys.stdin.readline().rstrip("\n")
            else:
                password = getpass.getpass(_("Initial password: "))
                if password != getpass.getpass(_("Initial password (again): ")):
                    raise CommandError(_("The two passwords differ."))
        try:
            post = administrator_create(username=username, role=role, password=password)
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            _("%(username)s is now %(role)s. The holder changes the password and binds an authenticator at "
              "first sign-in.")
            % {"username": username, "role": post.get_role_display()}
        )  # fmt: skip
