"""What the coops part registers from AppConfig.ready()."""


def ready() -> None:
    return None
