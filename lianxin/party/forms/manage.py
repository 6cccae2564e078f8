"""Forms of the organisation-keeping pages. Choices come from ``restrict(user)``: a clerk is offered only
what his posts cover. A person is named by his mobile or ID number (matched exactly, never by part)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Area, Level
from lianxin.core.paths import under
from lianxin.core.scope import CHANGE
from lianxin.party.models import Field, MembershipKind, OrgKind, PartyOrg, Sector, SetupMode
from lianxin.party.models.member_posts import MemberPostKind
from lianxin.people.models import Organisation, OrganisationKind

PERSON_HELP = _("The person's mobile number or ID number, as recorded.")


def with_blank(choices):
    return [("", "—"), *choices]


class DateInput(forms.DateInput):
    input_type = "date"


class OrgForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrgKind.choices)
    parent = forms.ModelChoiceField(label=_("Belongs to"), queryset=PartyOrg.objects.none(), required=False)
    area_code = forms.CharField(
        label=_("Anchored to (area code)"),
        max_length=40,
        required=False,
        help_text=_(
            "The code of the area on the tree, e.g. of the estate for an estate branch; "
            "empty for a sector committee."
        ),
    )
    secretary = forms.CharField(label=_("Secretary"), max_length=40, required=False, help_text=PERSON_HELP)
    field = forms.ChoiceField(label=_("Field"), choices=with_blank(Field.choices), required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=with_blank(Sector.choices), required=False)
    setup_mode = forms.ChoiceField(
        label=_("Set-up mode"), choices=with_blank(SetupMode.choices), required=False
    )
    founded_on = forms.DateField(label=_("Founded on"), required=False, widget=DateInput)
    has_plaque = forms.BooleanField(label=_("Plaque and physical operation"), required=False)
    office_place = forms.CharField(label=_("Office place"), max_length=100, required=False)
    operating_since = forms.DateField(label=_("Operating since"), required=False, widget=DateInput)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations covered"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The property companies or enterprises whose party organisation this is "
            "(built singly or jointly)."
        ),
    )

    def __init__(self, *args, user, exclude: PartyOrg | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = (
            Organisation.objects.restrict(user)
            .filter(kind__in=[OrganisationKind.PROPERTY_COMPANY, OrganisationKind.EMPLOYER])
            .order_by("kind", "name")
        )
        parents = PartyOrg.objects.restrict(user, CHANGE).exclude(kind=OrgKind.GROUP)
        if exclude is not None:
            parents = parents.exclude(under("path", exclude.path))
        self.fields["parent"].queryset = parents


class MembershipAddForm(forms.Form):
    person = forms.CharField(label=_("Person"), max_length=40, help_text=PERSON_HELP)
    kind = forms.ChoiceField(label=_("Kind"), choices=MembershipKind.choices, initial=MembershipKind.FULL)
    is_home = forms.BooleanField(label=_("Organisational relation held here"), required=False, initial=True)
    is_mobile = forms.BooleanField(label=_("Mobile member"), required=False)
    work_place = forms.CharField(label=_("Place of work"), max_length=100, required=False)
    applied_on = forms.DateField(
        label=_("Application received on"),
        required=False,
        widget=DateInput,
        help_text=_("For an applicant: the day the branch received the application to join."),
    )
    joined_on = forms.DateField(label=_("Joined the party on"), required=False, widget=DateInput)
    start_date = forms.DateField(label=_("From"), required=False, widget=DateInput)


class MembershipEditForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MembershipKind.choices)
    is_mobile = forms.BooleanField(label=_("Mobile member"), required=False)
    work_place = forms.CharField(label=_("Place of work"), max_length=100, required=False)
    joined_on = forms.DateField(label=_("Joined the party on"), required=False, widget=DateInput)
    move_to = forms.ModelChoiceField(
        label=_("Move the organisational relation to"),
        queryset=PartyOrg.objects.none(),
        required=False,
        help_text=_("The present record ends the day before; his history is kept."),
    )
    end_on = forms.DateField(label=_("End this membership on"), required=False, widget=DateInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_to"].queryset = PartyOrg.objects.restrict(user, CHANGE)


CHAIN_ORG_KINDS = [OrgKind.GENERAL_BRANCH, OrgKind.CHAIN_ALLIANCE, OrgKind.JOINT_COMMITTEE, OrgKind.COMMITTEE]


class ChainForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())
    is_ready = forms.BooleanField(label=_("Ready for a party organisation"), required=False)
    ready_on = forms.DateField(label=_("Ready on"), required=False, widget=DateInput)
    party_org = forms.ModelChoiceField(
        label=_("Party organisation of the chain"), queryset=PartyOrg.objects.none(), required=False
    )
    enterprises = forms.ModelMultipleChoiceField(
        label=_("Enterprises"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.restrict(user, CHANGE).filter(
            level__in=[Level.CITY, Level.COUNTY, Level.STREET, Level.TOWNSHIP]
        )
        self.fields["party_org"].queryset = PartyOrg.objects.restrict(user).filter(kind__in=CHAIN_ORG_KINDS)
        self.fields["enterprises"].queryset = Organisation.objects.restrict(user).filter(
            kind=OrganisationKind.EMPLOYER
        )


class MemberPostForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MemberPostKind.choices)
    name = forms.CharField(
        label=_("Post or area"), max_length=100, help_text=_("e.g. a workshop, a counter or an area.")
    )
    holder = forms.CharField(label=_("Held by"), max_length=40, help_text=PERSON_HELP)
    designated_on = forms.DateField(label=_("Designated on"), required=False, widget=DateInput)


class StudioForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    lead = forms.CharField(label=_("Lead secretary"), max_length=40, help_text=PERSON_HELP)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())
    founded_on = forms.DateField(label=_("Founded on"), required=False, widget=DateInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.restrict(user, CHANGE).filter(
            level__in=[Level.COUNTY, Level.STREET, Level.TOWNSHIP, Level.COMMUNITY]
        )


class MenteeForm(forms.Form):
    mentee = forms.CharField(label=_("Mentee secretary"), max_length=40, help_text=PERSON_HELP)
    since = forms.DateField(label=_("Since"), required=False, widget=DateInput)
