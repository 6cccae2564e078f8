"""Restructuring the tree (P001-12) with its approval record (P001-14).

``area_restructure`` merges communities and villages into a (new or existing) community, or converts
villages into communities under a street. Everything placed under or on a merged node follows it:
children are moved, records attached to the node itself are re-pointed, and the node stays as a retired
name pointing at its successor. ``restructuring_approval_set`` attaches the approving body, date,
document number and a scan of the approval; both appear in the area's history.
"""

import datetime

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from lianxin.areas.models import ALLOWED_CHILDREN, Area, Level, Restructuring, RestructuringKind
from lianxin.areas.services import AREA_PATH_COPIES, area_create, area_paths_rewrite
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import under

# Nodes a restructuring may take in.
RESTRUCTURABLE = {Level.COMMUNITY, Level.VILLAGE}


def _repoint(*, source: Area, target: Area) -> None:
    """Records attached to ``source`` itself now hang on ``target``."""
    for label, field in AREA_PATH_COPIES:
        if label == "areas.Restructuring":
            continue
        model = apps.get_model(label)
        fk = field.removesuffix("_path")
        names = {f.name for f in model._meta.get_fields()}
        if fk in names and model._meta.get_field(fk).related_model is Area:
            model._base_manager.filter(**{fk: source}).update(**{fk: target, field: target.path})
        else:
            model._base_manager.filter(**{field: source.path}).update(**{field: target.path})


def _move(*, node: Area, parent: Area) -> None:
    """Move ``node`` under ``parent``; a village grid becomes an estate under a community (网格与小区合一)."""
    node = Area.objects.get(pk=node.pk)
    parent = Area.objects.get(pk=parent.pk)
    if node.level == Level.GRID and parent.level == Level.COMMUNITY:
        Area.objects.filter(pk=node.pk).update(level=Level.ESTATE)
        node.level = Level.ESTATE
    if node.level not in ALLOWED_CHILDREN[parent.level]:
        raise DomainError(
            _("%(name)s (%(level)s) cannot be placed under %(parent)s.")
            % {"name": node.name, "level": node.get_level_display(), "parent": parent.name},
            code="level_not_allowed",
            field="sources",
        )
    old_path = node.path
    Area.objects.move(node, parent, "last-child")
    node.refresh_from_db()
    area_paths_rewrite(old_prefix=old_path, new_prefix=node.path)


def _check_sources(*, sources: list[Area], target: Area | None) -> None:
    if not sources:
        raise DomainError(_("Name at least one community or village to restructure."), field="sources")
    for source in sources:
        if source.level not in RESTRUCTURABLE:
            raise DomainError(
                _("Only communities and villages can be restructured: %(name)s is a %(level)s.")
                % {"name": source.name, "level": source.get_level_display()},
                field="sources",
            )
        if source.is_retired:
            raise DomainError(_("%(name)s was already retired.") % {"name": source.name}, field="sources")
        if target is not None and (source.pk == target.pk or target.path.startswith(source.path)):
            raise DomainError(
                _("%(name)s cannot be merged into itself.") % {"name": source.name}, field="sources"
            )


@transaction.atomic
def area_restructure(
    *,
    actor,
    kind: str,
    target: Area,
    sources: list[Area],
    effective_on: datetime.date,
    new_name: str = "",
    note: str = "",
    approving_body: str = "",
    approved_on: datetime.date | None = None,
    document_number: str = "",
    approval_file: str = "",
) -> Restructuring:
    """MERGE: ``target`` is the receiving community, or the street under which a new community named
    ``new_name`` is created; the sources' children move into it, their own records are re-pointed and
    they are retired with the community as successor. CONVERT: each source village becomes a community
    under the street ``target`` (the same node, keeping its code and records)."""
    if effective_on is None:
        raise DomainError(_("Enter the date the restructuring takes effect."), field="effective_on")
    if kind == RestructuringKind.MERGE:
        if new_name.strip():
            if target.level != Level.STREET:
                raise DomainError(_("A new community is created under a street."), field="new_name")
            target = area_create(actor=actor, parent=target, level=Level.COMMUNITY, name=new_name)
        elif target.level != Level.COMMUNITY:
            raise DomainError(
                _("Merge into a community, or name the new community to create under this street."),
                field="new_name",
            )
        _check_sources(sources=sources, target=target)
        for source in sources:
            for child in list(Area.objects.get_children(Area.objects.get(pk=source.pk))):
                _move(node=child, parent=target)
            source = Area.objects.get(pk=source.pk)
            _repoint(source=source, target=target)
            Area.objects.filter(pk=source.pk).update(retired_on=effective_on, successor=target)
    elif kind == RestructuringKind.CONVERT:
        if target.level != Level.STREET:
            raise DomainError(_("A village is converted into a community under a street."), field="sources")
        _check_sources(sources=sources, target=target)
        for source in sources:
            if source.level != Level.VILLAGE:
                raise DomainError(_("%(name)s is not a village.") % {"name": source.name}, field="sources")
            Area.objects.filter(pk=source.pk).update(level=Level.COMMUNITY)
            village = Area.objects.get(pk=source.pk)
            for grid in Area.objects.get_children(village).filter(level=Level.GRID):
                Area.objects.filter(pk=grid.pk).update(level=Level.ESTATE)
            _move(node=village, parent=target)
    else:
        raise DomainError(_("Choose how the areas are restructured."), field="kind")
    target = Area.objects.get(pk=target.pk)
    record = Restructuring.objects.create(
        kind=kind,
        area=target,
        effective_on=effective_on,
        note=note.strip(),
        approving_body=approving_body.strip(),
        approved_on=approved_on,
        document_number=document_number.strip(),
        approval_file=approval_file,
        created_by=actor,
    )
    record.sources.set([s.pk for s in sources])
    from lianxin.cases.figures import rollups_rebuild

    rollups_rebuild()
    return record


@transaction.atomic
def restructuring_approval_set(
    *,
    actor,
    restructuring: Restructuring,
    approving_body: str,
    approved_on: datetime.date | None,
    document_number: str,
    approval_file: str = "",
) -> Restructuring:
    """The approval of a restructuring (县政府批复): body, date and document number are required together."""
    if not approving_body.strip():
        raise DomainError(_("Enter the approving body."), field="approving_body")
    if approved_on is None:
        raise DomainError(_("Enter the date of the approval."), field="approved_on")
    if not document_number.strip():
        raise DomainError(_("Enter the document number of the approval."), field="document_number")
    restructuring.approving_body = approving_body.strip()
    restructuring.approved_on = approved_on
    restructuring.document_number = document_number.strip()
    fields = ["approving_body", "approved_on", "document_number"]
    if approval_file:
        restructuring.approval_file = approval_file
        fields.append("approval_file")
    restructuring.save(update_fields=fields)
    return restructuring


def area_history(*, user, area: Area):
    """The restructurings that made or took in this area, newest first, as far as the user may see them."""
    return (
        Restructuring.objects.restrict(user)
        .filter(Q(area=area) | Q(sources=area) | Q(under("area_path", area.path)))
        .distinct()
        .select_related("area")
        .prefetch_related("sources")
        .order_by("-effective_on", "-id")
    )
