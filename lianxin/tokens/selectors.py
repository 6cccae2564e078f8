"""Reads about API tokens. Tokens belong to an account, not to a place: a person sees only his own."""

from django.db.models import QuerySet

from lianxin.tokens.models import ApiToken


def token_list(*, user) -> QuerySet:
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")
