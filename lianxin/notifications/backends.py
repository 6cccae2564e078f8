"""Outbound notification backends. The default only logs; a deployment plugs in SMS or WeChat templates.

A backend is a class with ``send(notification) -> None`` that raises ``DeliveryError`` when the message could
not be handed over. It must not log personal data (names, numbers, case text): the recipient's account id
and the notification id are enough to trace a message.
"""

import structlog

logger = structlog.get_logger("lianxin.notifications")


class DeliveryError(Exception):
    pass


class BaseBackend:
    def send(self, notification) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class LoggingBackend(BaseBackend):
    """Writes one structured line per message: the default, and what tests read."""

    def send(self, notification) -> None:
        logger.info(
            "notification_sent",
            notification_id=notification.pk,
            recipient_id=notification.recipient_id,
            verb=notification.verb,
            case_id=notification.case_id,
        )


class TemplateMessageBackend(BaseBackend):
    """Base for SMS and WeChat template messages: both send a template id with named parameters.

    Subclass it, set ``templates`` (verb → the provider's template id) and implement ``deliver(mobile or
    openid, template_id, params)``. Parameters carry the case number and the step, never the case text.
    """

    templates: dict[str, str] = {}

    def address_of(self, user) -> str:
        person = getattr(user, "person", None)
        return getattr(person, "mobile", "") if person else ""

    def params_of(self, notification) -> dict:
        return {"case": notification.case.number if notification.case_id else "", "verb": notification.verb}

    def deliver(self, address: str, template_id: str, params: dict) -> None:  # pragma: no cover
        raise NotImplementedError

    def send(self, notification) -> None:
        template_id = self.templates.get(notification.verb)
        if not template_id:
            return
        address = self.address_of(notification.recipient)
        if not address:
            raise DeliveryError("recipient has no address for this backend")
        self.deliver(address, template_id, self.params_of(notification))


class MemoryBackend(BaseBackend):
    """Keeps what it was given, for tests of the outbound path."""

    sent: list = []

    def send(self, notification) -> None:
        MemoryBackend.sent.append(notification)
