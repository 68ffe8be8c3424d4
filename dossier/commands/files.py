"""Commands on the dossier file itself: `open` (the app), `sample`, `info`, `backups`, `restore`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.commands import EXIT_ERROR, EXIT_OK, fail
from dossier.core.display import shown

if TYPE_CHECKING:
    from dossier.commands import Subcommands


def add_open(commands: Subcommands) -> None:
    p = commands.add_parser("open", help="open a dossier in the app")
    p.add_argument("path", type=Path, nargs="?", help="the dossier (default: last one, or the sample)")
    p.set_defaults(run=cmd_open)


def add_sample(commands: Subcommands) -> None:
    p = commands.add_parser("sample", help="write the sample dossier to PATH")
    p.add_argument("path", type=Path)
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.set_defaults(run=cmd_sample)


def add_info(commands: Subcommands) -> None:
    p = commands.add_parser("info", help="schema version, counts per table and integrity of a dossier")
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=cmd_info)


def add_backups(commands: Subcommands) -> None:
    p = commands.add_parser("backups", help="list a dossier's backups, newest first")
    p.add_argument("path", type=Path)
    p.set_defaults(run=cmd_backups)


def add_restore(commands: Subcommands) -> None:
    p = commands.add_parser("restore", help="replace a dossier by a backup (the current file is kept aside)")
    p.add_argument("path", type=Path)
    p.add_argument("backup", type=Path, nargs="?", help="default: the newest backup that passes its check")
    p.set_defaults(run=cmd_restore)


def cmd_sample(args: argparse.Namespace) -> int:
    from dossier.sample import replace_with_sample, write_sample  # lazy: this command only
    from dossier.store.targets import TargetRefused, check_target, holds_a_dossier  # lazy: this command only

    path: Path = args.path
    if path.exists() and not args.force:
        return fail(f"{path} already exists; use --force to replace it")
    try:
        check_target(path)
    except TargetRefused as refusal:  # --force replaces a dossier, nothing else a program keeps
        if not holds_a_dossier(path):
            return fail(str(refusal))
    store = replace_with_sample(path) if path.exists() else write_sample(path)
    title, counts = store.title, store.counts()
    store.close()
    print(f"wrote {path}: \"{title}\", {counts['articles']} article, {counts['annotations']} annotations")
    return EXIT_OK


INFO_KEYS = ("articles", "entities", "mentions", "events", "annotations", "claims", "tags")


def cmd_info(args: argparse.Namespace) -> int:
    from dossier.store import read_info  # lazy: this command only

    info = read_info(args.path)
    if args.json:
        payload: dict[str, object] = {"schema_version": info.schema_version}
        payload.update({key: info.counts.get(key, 0) for key in INFO_KEYS})
        payload["integrity"] = info.integrity
        if info.left_out:
            payload["left_out"] = info.left_out
        print(json.dumps(payload))
    else:
        rows = [("schema version", str(info.schema_version)),
                *((table, f"{count:,}") for table, count in info.counts.items()), ("integrity", info.integrity)]
        name_width = max(len(name) for name, _ in rows) + 2
        value_width = max(len(value) for name, value in rows if name != "integrity")
        print(shown(args.path))
        for name, value in rows:  # numbers right-aligned in one column
            print(f"  {name:<{name_width}}{value:>{value_width}}" if name != "integrity" else f"  {name:<{name_width}}{value}")
        if info.left_out:
            print(f"  shared copy, left out: {shown(info.left_out)}")
    return EXIT_OK if info.integrity == "ok" else EXIT_ERROR


def cmd_backups(args: argparse.Namespace) -> int:
    from dossier.store.backups import backup_taken_at, list_backups  # lazy: this command only

    found = list_backups(args.path)
    if not found:
        print(f"no backups of {args.path} yet")
    for backup in found:
        taken = backup_taken_at(backup)
        print(f"{taken:%Y-%m-%d %H:%M} UTC  {backup}" if taken else str(backup))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from dossier.store.backups import newest_good_backup, restore_backup  # lazy: this command only

    backup = args.backup or newest_good_backup(args.path)
    if backup is None:
        return fail(f"no good backup of {args.path} was found")
    aside = restore_backup(args.path, backup)
    print(f"restored {args.path} from {backup}; the previous file is kept as {aside}")
    return EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    if not _display_available():
        return fail(
            "no display to open a window on. Run Dossier in a desktop session, or use the "
            "commands (`dossier --help`); for a headless test, set QT_QPA_PLATFORM=offscreen."
        )
    if args.path is not None and not args.path.exists():
        return fail(f"{args.path}: no such file (create one with `dossier sample {args.path}` "
                     "or File > New Dossier in the app)")
    from dossier.app import run  # lazy: this command only

    return run(args.path)


def _display_available() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
