from lianxin.core.navigation import nav_for_user


def shell(request):
    """What the page frame needs: the navigation for the signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    return {"nav": nav_for_user(user, current=match.view_name if match else "")}
