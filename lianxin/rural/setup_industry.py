"""What the industry part registers from AppConfig.ready()."""


def ready() -> None:
    return None
