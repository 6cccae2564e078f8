from django.apps import AppConfig
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


def _tokens_page_mounted(user) -> bool:
    # The page's URLs are included by the project URLconf; until they are, the menu must not link to them.
    try:
        reverse("token_list")
    except NoReverseMatch:
        return False
    if not user.is_authenticated:
        return False
    # Tokens are for the systems staff connect to the platform; a resident without a post reports and
    # follows his cases on these pages, so his menu does not offer them (the page stays his by address).
    from lianxin.people.selectors import user_posts_now

    return bool(user_posts_now(user=user))


class TokensConfig(AppConfig):
    name = "lianxin.tokens"
    label = "tokens"
    verbose_name = _("API tokens")

    def ready(self):
        from lianxin.core.navigation import NavItem, nav_register

        nav_register(
            NavItem(
                "api_tokens",
                _("API tokens"),
                "token_list",
                "account",
                icon="gear",
                order=820,
                visible=_tokens_page_mounted,
            )
        )
