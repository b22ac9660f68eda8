"""Entry point for mkdocs-macros. It only registers macros; the work is in mbct_guide/."""

from mbct_guide.macros_env import register


def define_env(env):
    """Called once per build by mkdocs-macros."""
    register(env)
