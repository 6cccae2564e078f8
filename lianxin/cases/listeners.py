"""Step listeners: what follows a step, registered by the apps that care, run in the step's own transaction.

An app reacts to steps without editing ``cases/``: from its ``AppConfig.ready()`` it registers a function
for the steps (``Action``) and the kinds (``Kind``) it wants::

    from lianxin.cases.listeners import step_listener_register

    step_listener_register(my_listener, steps=[Action.HANDLE], kinds=[Kind.MICRO_WISH], order=200)

    def my_listener(*, case, event): ...

``event_record`` and ``events_record_new`` (``services/events.py``) call ``case_changed`` once per event,
after the event and the case row are written and inside the same transaction, so a listener

- sees the case as the step left it (``case.state`` is ``event.to_state``) and may write its own rows,
  which commit or roll back with the step;
- refuses the step by raising (a ``DomainError`` gives the user its reason): nothing of the step remains;
- does not change the case's derived fields: they are the reducer's (``engine.case_apply``), rebuilt from
  the events alone.

Listeners run by ascending ``order``, then by name, whatever order the apps load in. The project's own:
the figures' roll-up (``cases``, order 10) and the notices of who hears of a step (``notifications``,
order 900: people hear last, once every listener that could still refuse the step has run).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lianxin.cases.models import Action, Kind

DEFAULT_ORDER = 100


@dataclass(frozen=True)
class StepListener:
    name: str
    func: Callable
    steps: frozenset[str] | None  # None: every step
    kinds: frozenset[str] | None  # None: every kind
    order: int = DEFAULT_ORDER

    def wants(self, action: str, kind: str) -> bool:
        return (self.steps is None or action in self.steps) and (self.kinds is None or kind in self.kinds)


_listeners: dict[str, StepListener] = {}
# (step, kind) -> the functions to call, in order: built on first use, so a step pays one dict lookup.
_plans: dict[tuple[str, str], tuple[Callable, ...]] = {}


def _values(given: Iterable[str] | str | None, known: list[str], what: str) -> frozenset[str] | None:
    if given is None:
        return None
    values = frozenset([given] if isinstance(given, str) else given)
    unknown = sorted(values - set(known))
    if not values or unknown:
        # A misspelt step or kind would never fire: refuse it when the app starts.
        raise ValueError(f"step listener: unknown {what} {unknown or 'none given'}")
    return values


def step_listener_register(
    func: Callable,
    *,
    steps: Iterable[str] | str | None = None,
    kinds: Iterable[str] | str | None = None,
    order: int = DEFAULT_ORDER,
    name: str = "",
) -> Callable:
    """Call ``func(case=..., event=...)`` after every step in ``steps`` on a case of a kind in ``kinds``
    (``None``: all). Registering the same name again replaces the listener. Returns ``func``."""
    listener = StepListener(
        name=name or f"{func.__module__}.{func.__qualname__}",
        func=func,
        steps=_values(steps, Action.values, "step"),
        kinds=_values(kinds, Kind.values, "kind"),
        order=order,
    )
    _listeners[listener.name] = listener
    _plans.clear()
    return func


def step_listener(**options) -> Callable:
    """The decorator form of ``step_listener_register``; register from ``ready()`` by importing the module."""

    def decorator(func):
        return step_listener_register(func, **options)

    return decorator


def step_listener_unregister(name: str) -> None:
    _listeners.pop(name, None)
    _plans.clear()


def step_listeners(action: str | None = None, kind: str | None = None) -> list[StepListener]:
    """The registered listeners in the order they run; with ``action`` and ``kind``, those of that step."""
    ordered = sorted(_listeners.values(), key=lambda listener: (listener.order, listener.name))
    if action is None and kind is None:
        return ordered
    return [listener for listener in ordered if listener.wants(action, kind)]


def case_changed(*, case, event) -> None:
    """Run the listeners of this step and kind. Callers hold the step's transaction."""
    key = (event.action, case.kind)
    plan = _plans.get(key)
    if plan is None:
        plan = _plans[key] = tuple(listener.func for listener in step_listeners(*key))
    for func in plan:
        func(case=case, event=event)
