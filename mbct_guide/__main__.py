"""Command line: ``check`` validates the data; ``schemas`` and ``fieldref`` regenerate the editor references."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .loader import load_guide_uncached
from .problems import GuidanceDataError

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mbct_guide", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate guidance_data/ and list every problem")
    check.add_argument("--data", type=Path, default=ROOT / "guidance_data")
    check.add_argument("--docs", type=Path, default=ROOT / "docs")
    schemas = commands.add_parser("schemas", help="write the JSON Schemas into guidance_data/schemas/")
    schemas.add_argument("--out", type=Path, default=ROOT / "guidance_data" / "schemas")
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
    if args.command == "fieldref":
        from .fieldref import write_readme

        print(f"wrote {write_readme(ROOT / 'guidance_data' / 'README.md')}")
        return 0
    from .schema import write_schemas

    for path in write_schemas(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
