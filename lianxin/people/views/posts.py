"""The post edit page: thin, through ``people.posts.post_update``; 404 outside scope, 403 read only."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.people.models import Organisation, OrganisationKind, Post
from lianxin.people.posts import post_editor, post_update
from lianxin.people.roles import PostSource, Role, StaffingType


class PostForm(forms.Form):
    is_full_time = forms.BooleanField(label=gettext_lazy("Full time"), required=False)
    is_sent_down = forms.BooleanField(label=gettext_lazy("Sent down to an estate"), required=False)
    source = forms.ChoiceField(
        label=gettext_lazy("Drawn from"), choices=[("", "—"), *PostSource.choices], required=False
    )
    staffing_type = forms.ChoiceField(
        label=gettext_lazy("Staffing type"), choices=[("", "—"), *StaffingType.choices], required=False
    )
    duties = forms.CharField(
        label=gettext_lazy("Duties"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    end_date = forms.DateField(
        label=gettext_lazy("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)
    # A grid worker's duty roles (P000-27) and the all-round mark (P001-28): routing reads them.
    duty_roles = forms.MultipleChoiceField(
        label=gettext_lazy("Duty roles"), required=False, widget=forms.CheckboxSelectMultiple
    )
    is_all_round = forms.BooleanField(
        label=gettext_lazy("All-round grid worker (takes every category of the grid)"), required=False
    )
    employer = forms.ModelChoiceField(
        label=gettext_lazy("Employer of the holder"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, user, post, **kwargs):
        super().__init__(*args, **kwargs)
        if post.role == Role.GRID_WORKER:
            from lianxin.cases.models.enums import DutyRole

            self.fields["duty_roles"].choices = DutyRole.choices
        else:
            del self.fields["duty_roles"]
            del self.fields["is_all_round"]
        self.fields["employer"].queryset = (
            Organisation.objects.restrict(user)
            .filter(
                kind__in=[
                    OrganisationKind.EMPLOYER,
                    OrganisationKind.PROVIDER,
                    OrganisationKind.PROPERTY_COMPANY,
                ]
            )
            .order_by("name")
        )


@login_required
def post_edit(request, pk: int):
    post = get_for_user(Post.objects.select_related("person"), request.user, pk, CHANGE)
    if not post_editor(request.user, post):
        raise PermissionDenied
    initial = {
        "is_full_time": post.is_full_time,
        "is_sent_down": post.is_sent_down,
        "source": post.source,
        "staffing_type": post.staffing_type,
        "duties": post.duties,
        "end_date": post.end_date,
        "note": post.note,
        "employer": post.person.employer_id,
        "duty_roles": post.duty_role_list,
        "is_all_round": post.is_all_round,
    }
    form = PostForm(request.POST or None, initial=initial, user=request.user, post=post)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                post_update(actor=request.user, post=post, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The post is saved."))
                return redirect("people:post_edit", post.pk)
        status = 400
    return render(request, "people/post_edit.html", {"post": post, "form": form}, status=status)
