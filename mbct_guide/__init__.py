"""Load, validate and render the MBCT implementation guidance kept in guidance_data/."""

from .guide import Guide
from .loader import load_guide, load_guide_uncached
from .problems import GuidanceDataError, Problem

__all__ = ["Guide", "GuidanceDataError", "Problem", "load_guide", "load_guide_uncached"]
