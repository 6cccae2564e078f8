"""``GET /api/v1/me``: who the API takes the caller to be, to check a token before using it; and the caller's
own API tokens (list, create, revoke)."""

from datetime import datetime

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from lianxin.core.api_types import ObjectId
from lianxin.people.selectors import user_post_labels
from lianxin.tokens.selectors import token_list
from lianxin.tokens.services import NAME_MAX_LENGTH, token_create, token_revoke

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


# -- the caller's own tokens ---------------------------------------------------------------------------------


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    status: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None


class TokenCreatedOut(TokenOut):
    secret: str = Field(description=_("The token itself: shown in this answer only, never again."))


class TokenIn(Schema):
    name: str = Field(max_length=NAME_MAX_LENGTH)
    expires_at: datetime | None = Field(
        None, description=_("When it stops working; 90 days from now unless given (365 at most).")
    )


def _token(token) -> dict:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "status": str(token.status()),
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
    }


@router.get("/tokens", response=list[TokenOut], summary=_("Your API tokens"))
def my_tokens(request):
    return [_token(token) for token in token_list(user=request.user)]


@router.post(
    "/tokens",
    response={201: TokenCreatedOut},
    summary=_("Create an API token"),
    description=_(
        "The secret is in this answer only. With an Idempotency-Key, a retried request gets the same token "
        "and secret back instead of a second token."
    ),
)
def my_token_create(request, payload: TokenIn):
    token, secret = token_create(actor=request.user, name=payload.name, expires_at=payload.expires_at)
    return Status(201, {**_token(token), "secret": secret})


@router.post("/tokens/{token_id}/revoke", response=TokenOut, summary=_("Revoke one of your API tokens"))
def my_token_revoke(request, token_id: ObjectId):
    token = token_list(user=request.user).filter(pk=token_id).first()
    if token is None:
        raise Http404
    # Revoking is idempotent in itself: a revoked token stays revoked, and the answer is the same.
    return _token(token_revoke(actor=request.user, token=token))
