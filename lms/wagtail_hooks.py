"""Wagtail hooks of lms: registrations only."""

from wagtail import hooks

from .auth_audit import register_actions

hooks.register("register_log_actions", register_actions)
