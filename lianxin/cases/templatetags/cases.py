"""Small pieces of the case pages: the idempotency field every step form carries, state badges, deadlines,
what a step of the trail decided, and the open key items of an area page (P000-28)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from lianxin.cases import clock
from lianxin.cases.links import case_url
from lianxin.cases.models import Action, DisputeOutcome, Rating, State
from lianxin.cases.views.common import new_key

register = template.Library()

STATE_CLASSES = {
    State.REPORTED: "state-new",
    State.ACCEPTED: "state-new",
    State.DISPATCHED: "state-work",
    State.IN_PROGRESS: "state-work",
    State.HANDLED: "state-check",
    State.VERIFIED: "state-check",
    State.CLOSED: "state-done",
    State.REJECTED: "state-off",
    State.MERGED: "state-off",
}


@register.simple_tag
def idempotency_field(key: str = ""):
    """The hidden key that makes a double tap one step: made when the form is drawn, kept on a redraw."""
    return format_html('<input type="hidden" name="idempotency_key" value="{}">', key or new_key())


@register.filter
def state_class(state: str) -> str:
    return STATE_CLASSES.get(state, "")


def _span(hours: float) -> str:
    if hours < 1:
        return _("%(n)d min") % {"n": max(1, round(hours * 60))}
    if hours < 48:
        return _("%(n)d h") % {"n": round(hours)}
    return _("%(n)d days") % {"n": round(hours / 24)}


@register.simple_tag
def deadline(case):
    """The deadline that matters now: the response limit until the case is accepted, then the handling
    one. Drawn in Python: the queue shows one per row."""
    if not case.is_open:
        return ""
    if case.responded_at is None and case.response_due:
        due, which = case.response_due, _("response")
    elif case.handled_at is None and case.handle_due:
        due, which = case.handle_due, _("handling")
    else:
        return ""
    left = (due - clock.now()).total_seconds() / 3600
    values = {"which": which, "span": _span(abs(left))}
    if left < 0:
        css, label = "deadline deadline-over", _("%(which)s overdue by %(span)s") % values
    else:
        css = "deadline deadline-soon" if left < 4 else "deadline"
        label = _("%(which)s due in %(span)s") % values
    return format_html(
        '<span class="{}" title="{}">{}</span>', css, localtime(due).strftime("%Y-%m-%d %H:%M"), label
    )


@register.simple_tag
def queue_rows(cases):
    """The staff queue's rows (``selectors.case_queue_rows``: cases with the names they show), drawn in
    Python: fifty rows of a dozen tags each cost the template engine more than the page's queries
    (docs/cases.md, "Speed"). The markup is the table's in ``_staff_results.html``."""
    states = dict(State.choices)
    supervised = format_html(' <span class="badge badge-red">{}</span>', _("supervised"))
    select_label = _("Select case %(number)s")
    rows = []
    for case in cases:
        number = case.number
        href = case_url(case.pk)
        rows.append(
            format_html(
                '<tr data-row data-href="{href}">'
                '<td><input type="checkbox" name="cases" value="{pk}" form="bulk-form" aria-label="{select}"'
                ' data-testid="select-{pk}"></td>'
                '<td><a href="{href}">{title}</a><div class="muted small mono">{number}</div></td>'
                "<td>{category}</td><td>{area}</td>"
                '<td><span class="badge {css}">{state}</span>{supervised}</td>'
                "<td>{handler}</td><td>{deadline}</td>"
                '<td class="num">{reported}</td></tr>',
                href=href,
                pk=case.pk,
                select=select_label % {"number": number},
                title=case.title,
                number=number,
                category=case.category_name,
                area=case.area_name,
                css=STATE_CLASSES.get(case.state, ""),
                state=states.get(case.state, case.state),
                supervised=supervised if case.supervise_count else "",
                handler=case.handler_name or "—",
                deadline=deadline(case),
                reported=localtime(case.reported_at).strftime("%m-%d %H:%M"),
            )
        )
    return format_html_join("\n", "{}", ((row,) for row in rows))


@register.simple_tag
def select_options(field):
    """A select's options, drawn in Python (the widget's templates cost a render per option, and the
    queue's filters have hundreds)."""
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value or "")}

    def option(key, label):
        if str(key) in chosen:
            return format_html('<option value="{}" selected>{}</option>', key, label)
        return format_html('<option value="{}">{}</option>', key, label)

    parts = []
    for key, label in field.field.choices:
        if isinstance(label, list | tuple):
            inner = format_html_join("", "{}", ((option(k, v),) for k, v in label))
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', key, inner))
        else:
            parts.append(option(key, label))
    return format_html_join("", "{}", ((p,) for p in parts))


@register.simple_tag
def stars(count: int) -> str:
    """1–5 stars as ★ filled and ☆ empty, so that 3 of 5 reads at a glance."""
    return "★" * count + "☆" * (5 - count)


@register.simple_tag
def event_facts(event) -> list[tuple[str, str]]:
    """What a step decided, as (label, value) pairs: the target, the rating, the outcome, the consultation."""
    facts = []
    target = (
        event.target_person or event.target_department or event.target_organisation or event.target_party_org
    )
    if event.action in (Action.DISPATCH, Action.ESCALATE, Action.WHISTLE, Action.RETURN_DECIDE, Action.TAKE):
        if target is not None:
            facts.append((_("To"), str(target)))
        elif event.target_area_id and event.action != Action.TAKE:
            facts.append((_("To"), _("the staff of %(area)s") % {"area": event.target_area.name}))
    data = event.data or {}
    if data.get("rating"):
        facts.append((_("Rating"), str(Rating(data["rating"]).label)))
    if data.get("stars"):
        facts.append((_("Stars"), stars(data["stars"])))
    if data.get("outcome"):
        facts.append((_("Outcome"), str(DisputeOutcome(data["outcome"]).label)))
    consultation = data.get("consultation") or {}
    if consultation.get("participants"):
        facts.append((_("Consultation with"), consultation["participants"]))
    if consultation.get("agreement"):
        facts.append((_("Agreed"), consultation["agreement"]))
    if event.action == Action.MEDIATE and data.get("participants"):
        facts.append((_("Who took part"), data["participants"]))
    if event.action in (Action.EXTEND_REQUEST, Action.EXTEND_APPROVE) and data.get("days"):
        facts.append((_("Working days"), data["days"]))
    if event.action == Action.RETURN_DECIDE:
        facts.append((_("Decision"), _("return upheld") if data.get("upheld") else _("return not upheld")))
    if event.action == Action.WHISTLE and data.get("assists"):
        from lianxin.people.models import Department

        names = Department.objects.filter(pk__in=data["assists"]).values_list("name", flat=True)
        facts.append((_("Assisting"), "、".join(names)))
    return facts


@register.inclusion_tag("cases/_area_panel.html", takes_context=True)
def area_case_panel(context, area):
    """An area page's open key items and watched households, as far as the viewer's scope reaches."""
    from lianxin.cases.views.queries import area_key_items

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "area": area, **area_key_items(user, area)}


@register.filter
def summary_errors(form) -> list[str]:
    """The messages no field shows beside itself: the form's own and those of its hidden fields (the
    position, the photos), for the box at the top of the form."""
    messages = [str(e) for e in form.non_field_errors()]
    for field in form.hidden_fields():
        messages += [str(e) for e in field.errors]
    return messages
