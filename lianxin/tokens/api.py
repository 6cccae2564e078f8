"""``GET /api/v1/me``: who the API takes the caller to be, to check a token before using it."""

from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from lianxin.people.selectors import user_post_labels

router = Router(tags=[_("Me")])


class MeOut(Schema):
    username: str
    display_name: str
    posts: list[str]
    auth: str


@router.get("", response=MeOut, summary=_("Who you are signed in as"))
def me(request):
    user = request.user
    return {
        "username": user.username,
        "display_name": user.display_name,
        "posts": user_post_labels(user=user),
        "auth": "token" if getattr(request, "api_token", None) else "session",
    }
