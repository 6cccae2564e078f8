"""The provision app's block on the workbench (lianxin.core.workbench): a provider's staff see their
listing at a glance — its state, what it offers, its open orders and stars (their orders themselves wait
in the to-do list)."""

from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register
from lianxin.people.roles import Role
from lianxin.people.selectors import user_posts_now
from lianxin.provision import selectors


def own_listings_panel(*, user) -> dict | None:
    if not user.is_authenticated:
        return None
    organisations = [
        post.organisation_id
        for post in user_posts_now(user=user)
        if post.role == Role.PROVIDER_STAFF and post.organisation_id
    ]
    if not organisations:
        return None
    listings = list(selectors.listings_for(user).filter(organisation_id__in=organisations).order_by("id"))
    if not listings:
        return None
    records = selectors.provider_records(listing.organisation_id for listing in listings)
    return {
        "rows": [{"listing": listing, "record": records[listing.organisation_id]} for listing in listings]
    }


def register() -> None:
    workbench_panel_register(
        WorkbenchPanel(
            "provider_listing",
            "provision/_workbench_listing.html",
            own_listings_panel,
            order=40,
            region="grid",
        )
    )
