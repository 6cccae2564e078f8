"""Reads for imports and exports: who may import, the user's batches, the areas offered for an export."""

from django.db.models import Min
from django.http import Http404

from lianxin.areas.models import Area
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, VIEW, get_for_user, grants_for
from lianxin.imports.models import ImportBatch


def user_may_import(*, user) -> bool:
    """Importing writes full ID and mobile numbers in bulk: the capability "imports.run" (imports/apps.py)."""
    return may(user, "imports.run")


def user_may_export(*, user) -> bool:
    """Any user whose posts open some rows; what he gets is what his scope shows, masked."""
    return user.is_authenticated and not grants_for(user).is_empty()


def batch_list(*, user, limit: int = 10):
    return ImportBatch.objects.restrict(user, VIEW).filter(uploaded_by=user)[:limit]


def batch_get(*, user, pk) -> ImportBatch:
    batch = get_for_user(ImportBatch, user, pk, CHANGE)
    # Scope gives the uploader's person; a second account of the same person still may not act on it.
    if batch.uploaded_by_id != user.pk:
        raise Http404
    return batch


def export_area_choices(*, user, levels_below: int = 2, limit: int = 300):
    """The areas an export can be narrowed to: the user's own areas and a couple of levels beneath."""
    areas = Area.objects.restrict(user, VIEW).live()
    top = areas.aggregate(depth=Min("depth"))["depth"]
    if top is None:
        return Area.objects.none()
    return areas.filter(depth__lte=top + levels_below).order_by("path")[:limit]
