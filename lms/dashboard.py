"""The learner dashboard and the hook other apps use to add panels to it.

``lms`` never imports ``certificates``; instead an app registers a function with
``@hooks.register("puente_dashboard_panels")``. It is called with the request and
returns a ``DashboardPanel`` (or ``None`` to show nothing).
"""

from dataclasses import dataclass, field

from wagtail import hooks

DASHBOARD_PANELS_HOOK = "puente_dashboard_panels"


@dataclass
class DashboardPanel:
    title: str
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100


def get_dashboard_panels(request) -> list[DashboardPanel]:
    panels = [fn(request) for fn in hooks.get_hooks(DASHBOARD_PANELS_HOOK)]
    return sorted((p for p in panels if p is not None), key=lambda p: p.order)
