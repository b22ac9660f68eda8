"""Command line: ``check`` validates the data; ``publish-check`` lists what blocks publication;
``schemas`` and ``fieldref`` regenerate the editor references."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from mkdocs.config import load_config

from .build_context import build_date
from .contact import contact_settings
from .fieldref import write_readme
from .loader import load_guide_uncached
from .problems import GuidanceDataError
from .publish_check import blockers, report
from .schema import write_schemas

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mbct_guide", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate guidance_data/ and list every problem")
    check.add_argument("--data", type=Path, default=ROOT / "guidance_data")
    check.add_argument("--docs", type=Path, default=ROOT / "docs")
    schemas = commands.add_parser("schemas", help="write the JSON Schemas into guidance_data/schemas/")
    schemas.add_argument("--out", type=Path, default=ROOT / "guidance_data" / "schemas")
    publish = commands.add_parser("publish-check", help="list everything that blocks publishing the site")
    publish.add_argument("--project", type=Path, default=ROOT)
    publish.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
    commands.add_parser("fieldref", help="rewrite guidance_data/README.md (field tables and blank templates)")
    args = parser.parse_args(argv)

    if args.command == "check":
        try:
            guide = load_guide_uncached(args.data, args.docs if args.docs.is_dir() else None)
        except GuidanceDataError as error:
            if os.environ.get("GITHUB_ACTIONS") == "true":
                # One annotation per problem: GitHub shows each on its line of the pull request.
                # Workflow commands are read from standard output.
                print(error.report(annotations=True), flush=True)
            else:
                print(error.report(), file=sys.stderr)
            return 1
        print(
            f"The guidance data is valid: {len(guide.actions)} actions, "
            f"{len(guide.pivot_points)} pivot points, {len(guide.stories)} stories, "
            f"{len(guide.sources)} sources."
        )
        return 0
    if args.command == "publish-check":
        return publish_check(args.project, args.today or build_date())
    if args.command == "fieldref":
        print(f"wrote {write_readme(ROOT / 'guidance_data' / 'README.md')}")
        return 0
    for path in write_schemas(args.out):
        print(f"wrote {path}")
    return 0


def publish_check(project: Path, today: dt.date) -> int:
    """Print every blocker once; 1 while any remains. The data must be valid first."""
    try:
        guide = load_guide_uncached(project / "guidance_data", project / "docs")
    except GuidanceDataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    contact = contact_settings(mkdocs_extra(project / "mkdocs.yml"))
    found = blockers(guide, contact, today)
    print(report(found), file=sys.stderr if found else sys.stdout)
    return 1 if found else 0


def mkdocs_extra(config_file: Path) -> dict:
    """mkdocs.yml's extra section, read by MkDocs itself (so its !ENV tags are resolved)."""
    return dict(load_config(str(config_file))["extra"])


if __name__ == "__main__":
    sys.exit(main())
