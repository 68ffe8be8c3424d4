"""Passphrases on the command line: `dossier encrypt` / `dossier decrypt`, and the passphrase of
every encrypted dossier a command names, asked on the terminal (never echoed) or taken from
DOSSIER_PASSPHRASE, for scripts."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.commands import fail
from dossier.core.display import shown
from dossier.store import encryption
from dossier.store.errors import DossierError

if TYPE_CHECKING:
    from dossier.commands import Subcommands

PASSPHRASE_VARIABLE = "DOSSIER_PASSPHRASE"
TRIES = 3  # on a terminal; a passphrase from the environment is tried once
# The arguments of the commands that name a dossier (or a backup of one) to open.
DOSSIER_ARGUMENTS = ("path", "into", "other", "backup")


class NoPassphrase(DossierError):
    """No terminal to ask on, and DOSSIER_PASSPHRASE not set."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, f"{path} is encrypted, and there is no terminal to ask its passphrase on: set "
                               f"{PASSPHRASE_VARIABLE} for a script. It was left unchanged.")


def add_commands(commands: Subcommands) -> None:
    p = commands.add_parser("encrypt", help="protect a dossier with a passphrase (SQLCipher; its backups too)")
    p.add_argument("path", type=Path)
    p.set_defaults(run=cmd_encrypt)
    p = commands.add_parser("decrypt", help="take the passphrase off an encrypted dossier (a plain SQLite file again)")
    p.add_argument("path", type=Path)
    p.set_defaults(run=cmd_decrypt)


def ask(path: Path, prompt: str) -> str:
    """DOSSIER_PASSPHRASE, or the passphrase typed on the terminal."""
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise NoPassphrase(path)
    import getpass

    return getpass.getpass(prompt)


def unlock_named(args: argparse.Namespace) -> None:
    """Ask the passphrase of each encrypted dossier the command names (WrongPassphrase after the
    last try): from then on every connection of this process opens it (and its backups)."""
    encryption.take_keys_from_environment()
    if getattr(args, "command", None) == "publish":
        return  # refused for an encrypted dossier without asking (publish_refusal)
    for name in DOSSIER_ARGUMENTS:
        path = getattr(args, name, None)
        if isinstance(path, Path) and encryption.is_encrypted(path) and not encryption.is_unlocked(path):
            unlock(path)


def unlock(path: Path) -> None:
    tries = 1 if os.environ.get(PASSPHRASE_VARIABLE) is not None else TRIES
    for attempt in range(1, tries + 1):
        try:
            encryption.unlock(path, ask(path, f"Passphrase of {path}: "))
            return
        except encryption.WrongPassphrase:
            if attempt == tries:
                raise
            print("That passphrase does not open it; try again.", file=sys.stderr)


def cmd_encrypt(args: argparse.Namespace) -> int:
    from dossier.store.protect import encrypt_dossier, passphrase_problem  # lazy: this command only

    if encryption.is_encrypted(args.path):
        return fail(f"{args.path} is encrypted already; it was left unchanged.")
    from_environment = os.environ.get(PASSPHRASE_VARIABLE) is not None
    passphrase = ask(args.path, f"New passphrase for {args.path}: ")
    problem = passphrase_problem(passphrase)
    if problem:
        return fail(f"{args.path} was not encrypted: {problem}.")
    if not from_environment and ask(args.path, "The same passphrase again: ") != passphrase:
        return fail(f"the two passphrases differ; {args.path} was not encrypted.")
    encrypt_dossier(args.path, passphrase)
    print(f"Encrypted {shown(str(args.path))} (SQLCipher 4, AES-256); its backups are encrypted too. "
          "Without the passphrase nobody can open it, you included: keep it safe.")
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    from dossier.store.protect import decrypt_dossier  # lazy: this command only

    if not encryption.is_encrypted(args.path):
        return fail(f"{args.path} is not encrypted; it was left unchanged.")
    decrypt_dossier(args.path)  # its passphrase was asked by unlock_named
    print(f"Decrypted {shown(str(args.path))}: it is a plain SQLite file again; its backups stay encrypted.")
    return 0


def publish_refusal(path: Path) -> str | None:
    """Why Datasette can't publish `path`, or None."""
    if encryption.is_encrypted(path):
        return (f"{path} is encrypted: Datasette reads only plain SQLite files, and publishing would serve what the "
                "encryption protects. Publish a decrypted copy (`dossier decrypt` on a copy) if that is what you want.")
    return None
