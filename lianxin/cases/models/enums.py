"""The words of the case loop: kinds, states, steps, channels, levels (docs/glossary.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PROBLEM = "problem", _("problem")
    SERVICE_ORDER = "service_order", _("service order")
    MICRO_WISH = "micro_wish", _("micro-wish")
    DISPUTE = "dispute", _("dispute")
    TASK = "task", _("task")


class RequestType(models.TextChoices):
    """How 12345 hotlines classify every request."""

    CONSULTATION = "consultation", _("consultation")
    HELP = "help", _("request for help")
    COMPLAINT = "complaint", _("complaint")
    REPORT = "report", _("report of wrongdoing")
    SUGGESTION = "suggestion", _("suggestion")


class State(models.TextChoices):
    REPORTED = "reported", _("reported")
    ACCEPTED = "accepted", _("accepted")
    DISPATCHED = "dispatched", _("dispatched")
    IN_PROGRESS = "in_progress", _("in progress")
    HANDLED = "handled", _("handled")
    VERIFIED = "verified", _("verified")
    CLOSED = "closed", _("closed")
    REJECTED = "rejected", _("rejected")
    MERGED = "merged", _("merged")


OPEN_STATES = {
    State.REPORTED,
    State.ACCEPTED,
    State.DISPATCHED,
    State.IN_PROGRESS,
    State.HANDLED,
    State.VERIFIED,
}
FINAL_STATES = {State.CLOSED, State.REJECTED, State.MERGED}
# States in which someone is working the case (the handling clock runs).
WORKING_STATES = {State.ACCEPTED, State.DISPATCHED, State.IN_PROGRESS}


class Action(models.TextChoices):
    REPORT = "report", _("report")
    ACCEPT = "accept", _("accept")
    REJECT = "reject", _("reject")
    DISPATCH = "dispatch", _("dispatch")
    TAKE = "take", _("take")
    RETURN = "return", _("return")
    RETURN_DISPUTE = "return_dispute", _("dispute the return")
    RETURN_DECIDE = "return_decide", _("decide the disputed return")
    ESCALATE = "escalate", _("escalate")
    WHISTLE = "whistle", _("whistle")
    RESPOND = "respond", _("respond to the whistle")
    MEDIATE = "mediate", _("mediation session")
    HANDLE = "handle", _("handle")
    VERIFY = "verify", _("verify")
    VERIFY_FAIL = "verify_fail", _("verification failed")
    RATE = "rate", _("rate")
    CLOSE = "close", _("close")
    REOPEN = "reopen", _("reopen")
    MERGE = "merge", _("merge")
    MERGED_IN = "merged_in", _("duplicate merged in")
    SUPERVISE = "supervise", _("supervise")
    EXTEND_REQUEST = "extend_request", _("request an extension")
    EXTEND_APPROVE = "extend_approve", _("approve the extension")
    EXTEND_REFUSE = "extend_refuse", _("refuse the extension")
    OVERDUE = "overdue", _("time limit passed")
    COMMENT = "comment", _("comment")
    CLAIM = "claim", _("claim")
    CLAIM_WITHDRAW = "claim_withdraw", _("withdraw the claim")


class Channel(models.TextChoices):
    H5 = "h5", _("resident H5 page")
    PATROL = "patrol", _("worker patrol")
    SNAPSHOT = "snapshot", _("snapshot")
    HOTLINE = "hotline", _("12345 hotline transfer")
    TALK = "talk", _("residents' talk meeting")
    EVENING_TALK = "evening_talk", _("village evening talk")
    VISIT = "visit", _("household visit")
    LIAISON = "liaison", _("liaison on behalf of a household")
    # A resident who comes to a station's window; the staff file it for him (issue 21, provision windows).
    WALK_IN = "walk_in", _("walk-in at a station")
    ENTERPRISE_LINE = "enterprise_line", _("Red Chain through-train enterprise line")
    SERVICE_ORDER = "service_order", _("service order problem report")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311")


class ReporterGroup(models.TextChoices):
    """Who raised the case, for counting reports by source (P004-34, P003-28)."""

    RESIDENT = "resident", _("resident")
    WORKER = "worker", _("grid or community worker")
    CAPTAIN = "captain", _("building or unit captain")
    LIAISON = "liaison", _("liaison")
    COURIER = "courier", _("courier or rider")
    ENTERPRISE = "enterprise", _("enterprise")
    PROVIDER = "provider", _("service provider")
    EXTERNAL = "external", _("external system")
    STAFF = "staff", _("staff")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("normal")
    URGENT = "urgent", _("urgent")
    EMERGENCY = "emergency", _("emergency")


class HandlingLevel(models.IntegerChoices):
    """Handling levels, bottom up. Rural levels share the rank of their urban counterparts."""

    BUILDING = 20, _("building")
    ESTATE = 30, _("estate (grid)")
    COMMUNITY = 40, _("community or village")
    CLUSTER = 45, _("cluster")
    STREET = 50, _("street or township")
    COUNTY = 60, _("county department")


class HandlerType(models.TextChoices):
    PERSON = "person", _("person")
    DEPARTMENT = "department", _("department")
    ORGANISATION = "organisation", _("property company or provider")
    PARTY_ORG = "party_org", _("party organisation")
    AREA = "area", _("the staff of a level")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    BASIC = "basic", _("basically satisfied")
    UNSATISFIED = "unsatisfied", _("unsatisfied")


SATISFIED_RATINGS = {Rating.SATISFIED, Rating.BASIC}


class Verifier(models.TextChoices):
    COMMUNITY = "community", _("the community verifies")
    REPORTER = "reporter", _("the reporter verifies by rating")


class DutyRole(models.TextChoices):
    """A grid worker's duty roles (P000-27); an all-round grid worker takes them all (P001-28)."""

    HAZARD_CHECKER = "hazard_checker", _("hazard checker")
    MEDIATOR = "mediator", _("mediator")
    POLICY_PROMOTER = "policy_promoter", _("policy promoter")


class AssignmentRole(models.TextChoices):
    HANDLER = "handler", _("handler")
    LEAD = "lead", _("lead handler")
    ASSIST = "assist", _("assisting handler")


class DisputeOutcome(models.TextChoices):
    MEDIATED = "mediated", _("mediated successfully")
    PARTLY = "partly", _("partly mediated")
    FAILED = "failed", _("mediation failed")
    REFERRED = "referred", _("referred to court or arbitration")
