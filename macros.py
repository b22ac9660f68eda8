"""Entry point for mkdocs-macros. It only registers macros and hooks; the work is in mbct_guide/."""

from mbct_guide.build_context import for_build
from mbct_guide.macros_env import register


def define_env(env):
    """Called once per build: loads and validates the data, then registers the macros."""
    register(env)


def on_post_build(env):
    """Called once the pages are written: records timings when the benchmark asks for them."""
    for_build(env.conf).write_timings()
