"""What the land part registers from AppConfig.ready()."""


def ready() -> None:
    return None
