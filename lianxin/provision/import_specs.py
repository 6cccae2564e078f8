"""The service catalogue through the imports app (kind ``service_items``, registered from ready()): one row
per item — its top category (大类), name, mechanism, target groups, materials, price in points and whether
cluster centres and community centres handle it. An item already in the catalogue (same name under the same
top category) is updated through ``service_item_update``; a new one is added as a service-order category
under the top category with its item. Only those who keep the catalogue (the county's staff) import it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.core.errors_domain import DomainError
from lianxin.imports.specs.base import Column, Context, Row, Spec, choice_labels, choice_lookup, folded_text
from lianxin.provision import permissions
from lianxin.provision.models import Mechanism, ServiceItem, TargetGroup
from lianxin.provision.services.catalogue import materials_parse, service_item_update


def _top(row: Row, name: str):
    from lianxin.cases.models import Category

    top = Category.objects.filter(depth=1, kind="service_order", name=name).first()
    if top is None:
        known = "、".join(
            Category.objects.filter(depth=1, kind="service_order").values_list("name", flat=True)
        )
        row.error(
            "top",
            _("no top category is called %(name)s (there are: %(known)s)") % {"name": name, "known": known},
        )
    return top


def _groups(row: Row) -> list[str]:
    lookup = choice_lookup(TargetGroup)
    groups = []
    for name in row.names("target_groups"):
        code = lookup.get(folded_text(name))
        if code is None:
            row.error(
                "target_groups",
                _("“%(value)s” is not one of: %(choices)s")
                % {"value": name, "choices": "、".join(choice_labels(TargetGroup))},
            )
        elif code not in groups:
            groups.append(code)
    return groups


def _item_create(top, name: str) -> ServiceItem:
    from lianxin.cases.models import Category, HandlingLevel
    from lianxin.core.paths import path_depth
    from lianxin.provision.seeds import STEPLEN, category_next_path

    path = category_next_path(Category, top)
    category = Category.objects.create(
        path=path,
        depth=path_depth(path, STEPLEN),
        numchild=0,
        code=f"svc_{top.pk}_{Category.objects.filter(depth=2, path__startswith=top.path).count() + 1}",
        name=name,
        kind="service_order",
        first_level=HandlingLevel.COMMUNITY,
    )
    Category.objects.filter(pk=top.pk).update(numchild=top.numchild + 1)
    return ServiceItem.objects.create(category=category, mechanism=Mechanism.CONVENIENCE)


def write(row: Row, ctx: Context) -> str:
    top_name = row.text("top", required=True, max_length=50)
    name = row.text("name", required=True, max_length=50)
    mechanism = row.choice("mechanism", Mechanism, required=True)
    groups = _groups(row)
    materials = materials_parse(row.text("materials", max_length=1000))
    price = row.integer("points_price", default=0, minimum=0, maximum=100_000)
    at_centres = row.boolean("at_cluster_centres")
    # Left empty: the item keeps its mark (an older template has no such column).
    at_community = row.boolean("at_community_centres", default=None)
    top = _top(row, top_name) if top_name else None
    row.check()
    if not permissions.may_edit_catalogue(ctx.actor):
        raise DomainError(_("Only the county's staff keep the service catalogue."), code="forbidden")
    item = (
        ServiceItem.objects.select_related("category")
        .filter(category__name=name, category__depth=2, category__path__startswith=top.path)
        .first()
    )
    created = item is None
    if created:
        item = _item_create(top, name)
    service_item_update(
        ctx.actor,
        item=item,
        mechanism=mechanism,
        target_groups=groups,
        materials=materials,
        points_price=price,
        at_cluster_centres=at_centres,
        at_community_centres=at_community,
    )
    if created:
        return _("New service item %(name)s under %(top)s") % {"name": name, "top": top_name}
    return _("Service item %(name)s updated") % {"name": name}


SPEC = Spec(
    kind="service_items",
    label=gettext_lazy("Service catalogue items"),
    columns=(
        Column("top", gettext_lazy("Top category"), required=True, example="为老服务", width=14),
        Column("name", gettext_lazy("Service item"), required=True, example="爱心助餐", width=16),
        Column(
            "mechanism",
            gettext_lazy("Mechanism"),
            required=True,
            example="便民服务",
            choices=lambda: choice_labels(Mechanism),
            width=14,
        ),
        Column(
            "target_groups",
            gettext_lazy("Target groups"),
            example="老年人",
            help=gettext_lazy("Several separated by 、"),
            width=18,
        ),
        Column(
            "materials",
            gettext_lazy("Materials needed"),
            example="身份证、户口簿",
            help=gettext_lazy("Several separated by 、"),
            width=24,
        ),
        Column(
            "points_price",
            gettext_lazy("Price in points"),
            example="10",
            help=gettext_lazy("0 when left empty."),
        ),
        Column("at_cluster_centres", gettext_lazy("At every cluster centre"), example="否", width=12),
        Column(
            "at_community_centres",
            gettext_lazy("At every community centre"),
            example="否",
            help=gettext_lazy("Left empty: unchanged."),
            width=12,
        ),
    ),
    write=write,
    field_columns={
        "mechanism": "mechanism",
        "target_groups": "target_groups",
        "materials": "materials",
        "points_price": "points_price",
    },
)


def register() -> None:
    from lianxin.imports.registry import import_spec_register

    import_spec_register(SPEC)
