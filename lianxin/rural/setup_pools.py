"""What the pools part registers from AppConfig.ready()."""


def ready() -> None:
    return None
