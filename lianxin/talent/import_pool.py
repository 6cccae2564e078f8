"""Talents through the imports app (kind ``talents``, registered from setup_pool): one row per talent, at his
home village (村编码) in the importer's areas; the preview shows mobile numbers masked."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.models import Level
from lianxin.imports.specs.base import MOBILE, Column, Context, Row, Spec, choice_labels
from lianxin.talent.models import TalentChannel, TalentField, TalentOrigin, Willingness
from lianxin.talent.services.pool import talent_create


def write(row: Row, ctx: Context) -> str:
    name = row.text("name", required=True, max_length=50)
    village = ctx.area(row, "village_code", required=True)
    city = row.text("current_city", max_length=50)
    occupation = row.text("occupation", max_length=100)
    field = row.choice("field", TalentField, default=TalentField.OTHER)
    skills = row.text("skills", max_length=200)
    willingness = row.choice("willingness", Willingness, default=Willingness.CONSIDERING)
    origin = row.choice("origin", TalentOrigin, default=TalentOrigin.OUTSIDE)
    mobile = row.mobile("mobile")
    channel_name = row.text("channel", max_length=100)
    row.check()
    if village.level != Level.VILLAGE:
        row.error("village_code", _("not the code of a village"))
        row.check()
    channel = None
    if channel_name:
        channel = TalentChannel.objects.restrict(ctx.actor).filter(name=channel_name).first()
        if channel is None:
            row.error("channel", _("no channel of this name in your areas"))
            row.check()
    talent_create(
        ctx.actor,
        name=name,
        home_area=village,
        current_city=city,
        occupation=occupation,
        field=field,
        skills=skills,
        willingness=willingness,
        origin=origin,
        channel=channel,
        mobile=mobile,
    )
    return _("%(name)s of %(village)s") % {"name": name, "village": village.name}


SPEC = Spec(
    kind="talents",
    label=gettext_lazy("Talents"),
    columns=(
        Column("name", gettext_lazy("Full name"), required=True, example="宋佳宁", width=12),
        Column(
            "village_code",
            gettext_lazy("Village code"),
            required=True,
            text=True,
            width=16,
            help=gettext_lazy("The statistical code of his home village."),
        ),
        Column("current_city", gettext_lazy("Current city"), example="苏州", width=12),
        Column("occupation", gettext_lazy("Work unit and occupation"), example="电商公司运营", width=20),
        Column(
            "field",
            gettext_lazy("Field"),
            example=str(TalentField.BUSINESS.label),
            choices=lambda: choice_labels(TalentField),
            width=10,
        ),
        Column("skills", gettext_lazy("Skills"), example="电商、直播", width=20),
        Column(
            "willingness",
            gettext_lazy("Willingness to return"),
            choices=lambda: choice_labels(Willingness),
            width=14,
        ),
        Column("origin", gettext_lazy("Origin"), choices=lambda: choice_labels(TalentOrigin), width=12),
        Column("channel", gettext_lazy("Channel"), width=20),
        Column("mobile", gettext_lazy("Mobile number"), text=True, personal=MOBILE, width=16),
    ),
    write=write,
    field_columns={"home_area": "village_code", "mobile": "mobile", "field": "field", "name": "name"},
)


def register() -> None:
    from lianxin.imports.registry import import_spec_register

    import_spec_register(SPEC)
