"""Linking a sign-in account to the person it belongs to.

Which person an account is decides what it sees (the person's posts) and whose data 我的数据 shows, so it
is a business act, not configuration: a post that sees and may change the person (the organisation
department, a party secretary) links him, inside its scope. The three administrators never do it (三员分立):
the system administrator creates accounts without a person, the security administrator grants roles to
accounts by their names.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE
from lianxin.people.models import Person, User


def account_linker(user) -> bool:
    return may(user, "account.link")


@transaction.atomic
def account_link(*, actor, account: User, person: Person) -> User:
    """Link ``account`` (not yet linked to anyone) to ``person`` (who has no account yet)."""
    if not account_linker(actor):
        raise DomainError(
            _("Only the organisation department and party secretaries may do this."), code="forbidden"
        )
    if not Person.objects.restrict(actor, CHANGE).filter(pk=person.pk).exists():
        raise DomainError(_("Choose a person within your scope."), code="forbidden", field="person")
    if account.pk == actor.pk or person.pk == actor.person_id:
        raise DomainError(_("Nobody links his own account."), code="forbidden", field="username")
    account = User.objects.select_for_update().get(pk=account.pk)
    if account.person_id is not None:
        raise DomainError(_("This account already belongs to a person."), code="invalid", field="username")
    if User.objects.filter(person=person).exists():
        raise DomainError(_("This person already has an account."), code="invalid", field="username")
    account.person = person
    account.save(update_fields=["person"])  # audited as a permission change (audit registry)
    return account
