"""Entry point for mkdocs-macros. It only registers macros and hooks; the work is in mbct_guide/."""

from mbct_guide.macros_env import publish_files, register


def define_env(env):
    """Called once per build: loads and validates the data, then registers the macros."""
    register(env)


def on_post_build(env):
    """Called once the pages are written: adds the template downloads and the open data."""
    publish_files(env)
