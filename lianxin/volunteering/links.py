"""The other apps' services this app writes through, in one place: a volunteer's post is the people app's
appointment, a member's non-home membership the party app's enrolment, a call-out's notices the
notifications app's push. Each keeps its own rules (who may appoint, enrol, push) and its own audit."""


def volunteer_post_give(*, actor, person, community):
    from lianxin.people.appointments import post_appoint
    from lianxin.people.roles import Role

    return post_appoint(actor=actor, person=person, role=Role.VOLUNTEER, area=community)


def non_home_membership_add(*, actor, person, org, kind):
    from lianxin.party.services.orgs import membership_add

    return membership_add(actor=actor, person=person, org=org, kind=kind, is_home=False)


def notice_send(actor, *, title: str, body: str, persons):
    from lianxin.notifications.services import notice_push

    return notice_push(actor, title=title, body=body, persons=persons)


def person_find(*, user, text: str, field_name: str = "person"):
    """The person the user means, within his scope: by id, or exactly by mobile or ID number."""
    from lianxin.party.selectors.orgs import person_find as find

    return find(user=user, text=text, field_name=field_name)
