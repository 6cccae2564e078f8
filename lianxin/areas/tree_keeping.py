"""Keeping the territorial tree from the pages and the API (P000-01): adding a node under one the actor
may change (a cluster under a township, an estate under a community …) and moving a node with its
subtree (villages into a cluster) without losing its records. For the organisation department and the
secretaries; a cluster outside 3–5 villages is warned about, not refused."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.estate_facts import area_retired_check
from lianxin.areas.models import ALLOWED_CHILDREN, Area, Level
from lianxin.areas.services import area_create, area_move, cluster_size_warning
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE
from lianxin.people.models import Post
from lianxin.people.roles import Role

TREE_KEEPER_ROLES = frozenset({Role.ORG_ADMIN, Role.SECRETARY, Role.DEPUTY_SECRETARY})


def tree_keeper(user) -> bool:
    if not user.is_authenticated or not user.person_id:
        return False
    return Post.objects.current().filter(person_id=user.person_id, role__in=TREE_KEEPER_ROLES).exists()


def _require(actor, *areas) -> None:
    if not tree_keeper(actor):
        raise DomainError(
            _("Only the organisation department and party secretaries may do this."), code="forbidden"
        )
    for area in areas:
        if not Area.objects.restrict(actor, CHANGE).filter(pk=area.pk).exists():
            raise DomainError(_("You may not change %(area)s.") % {"area": area.name}, code="forbidden")
        area_retired_check(area)


@transaction.atomic
def area_add(*, actor, parent: Area, level: str, name: str, code: str = "") -> Area:
    _require(actor, parent)
    return area_create(actor=actor, parent=parent, level=level, name=name, code=code.strip())


@transaction.atomic
def area_relocate(*, actor, area: Area, new_parent: Area) -> tuple[Area, str]:
    """Move ``area`` under ``new_parent``; returns it with the cluster warning of the new parent, if any."""
    _require(actor, area, new_parent)
    moved = area_move(actor=actor, area=area, new_parent=new_parent)
    parent = Area.objects.get(pk=new_parent.pk)
    return moved, cluster_size_warning(cluster=parent) if parent.level == Level.CLUSTER else ""


class AreaAddForm(forms.Form):
    level = forms.ChoiceField(label=gettext_lazy("Level"))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Leave empty to number the area after its parent's code."),
    )

    def __init__(self, *args, parent: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [
            (value, label) for value, label in Level.choices if value in ALLOWED_CHILDREN[parent.level]
        ]


class AreaMoveForm(forms.Form):
    parent_code = forms.CharField(label=gettext_lazy("Move under (area code)"), max_length=40)
