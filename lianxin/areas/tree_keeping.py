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
from lianxin.core.rights import may, require


def tree_keeper(user) -> bool:
    return may(user, "area.keep_tree")


def _require(actor, *areas) -> None:
    require(
        actor,
        "area.keep_tree",
        message=_("Only the organisation department and party secretaries may do this."),
    )
    for area in areas:
        # The post that keeps the tree must itself reach the area (a secretary of one community and a
        # grid worker of another moves nothing in the second).
        require(
            actor, "area.keep_tree", area, message=_("You may not change %(area)s.") % {"area": area.name}
        )
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
