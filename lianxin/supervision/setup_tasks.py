"""What the tasks part registers from AppConfig.ready() (navigation, panels, audit, listeners)."""


def ready() -> None:
    return None
