"""The talent app's capabilities are registered by its parts (``setup_pool``, ``setup_reserves``); its
roles are the rural app's (returnee posts: lianxin.rural.permissions)."""


def roles_register() -> None:
    """From TalentConfig.ready(): the talent app adds no role of its own."""
    return None
