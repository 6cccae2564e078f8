"""What the reserves part registers from AppConfig.ready()."""


def ready() -> None:
    return None
