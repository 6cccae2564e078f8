"""What the volunteering API's routers share."""

from lianxin.volunteering.models import RegistrationStatus


def status_value(status: str) -> str:
    return status if status in RegistrationStatus.values else ""
