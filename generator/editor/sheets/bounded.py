"""Bounded: an uploaded file read within limits, while it is read, before anything is built from it.

A sheet comes from outside (an upload on a pull request), and a small file can describe a huge one:
a zip member that unpacks a thousandfold, an ODS row repeated a million times, an XLSX cell at row
1,048,576, a CSV of ten million empty lines. Every limit is therefore checked on what is being
read, as it is read — never on what was built from it:

- `file_bytes`: the file's bytes, never through a symbolic link (refused as `check` refuses one:
  records/load.py `symlink`, O_NOFOLLOW), never a device or a pipe, at most `limit` bytes read;
- `Zip`: a zip file's members, their number and declared sizes checked first, then each member
  unpacked chunk by chunk, the bytes actually unpacked counted for the whole file (whatever the
  headers say);
- `Zip.parse`: a member's XML fed to expat chunk by chunk as it is unpacked, every element counted
  for the whole file, entity declarations refused (as defusedxml refuses them: the same exception),
  no external entity or DTD ever read.

The limits themselves are read.py's (`read.MAX_…`), which re-exports `SheetError`.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden

from ...records.catalogue import _
from ...records.load import symlink
from .columns import count

#: How much is unpacked at a time.
CHUNK = 64 * 1024

Start = Callable[[str, dict[str, str]], None]
End = Callable[[str], None]
Text = Callable[[str], None]


class SheetError(Exception):
    """The file cannot be read as a sheet (the message says why and what to do); `sheet` and `row`
    locate it when the problem is one sheet's (a limit passed at that row)."""

    def __init__(self, message: str, sheet: str | None = None, row: int | None = None) -> None:
        super().__init__(message)
        self.sheet = sheet
        self.row = row


def file_bytes(path: Path, limit: int) -> bytes:
    """The bytes of the file at `path`: a symbolic link is refused, never followed (O_NOFOLLOW: not
    even one that appears meanwhile), and so is anything but a regular file; more than `limit` bytes
    (whatever its size said, read at most `limit` + 1) are refused."""
    if path.is_symlink():
        raise SheetError(symlink())
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if path.is_symlink():
            raise SheetError(symlink()) from None
        raise SheetError(_("sheet_file_cannot_open", error=error.strerror or type(error).__name__)) from None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise SheetError(_("sheet_file_not_a_sheet"))
        if status.st_size > limit:
            raise SheetError(_("sheet_file_too_heavy", size=status.st_size // (1024 * 1024), limit=limit // (1024 * 1024)))
        data = stream.read(limit + 1)  # the file may have grown since fstat()
    if len(data) > limit:
        raise SheetError(_("sheet_file_too_heavy", size=len(data) // (1024 * 1024), limit=limit // (1024 * 1024)))
    return data


class Zip:
    """A zip file's members, unpacked within limits shared by the whole file: `unpacked` bytes,
    `elements` XML elements."""

    def __init__(self, archive: zipfile.ZipFile, *, members: int, unpacked: int, elements: int) -> None:
        self.archive = archive
        self.unpacked_limit = unpacked
        self.elements_limit = elements
        self.unpacked = 0
        self.elements = 0
        infos = archive.infolist()
        if len(infos) > members:
            raise SheetError(_("sheet_file_too_many_parts", found=count(len(infos)), limit=count(members)))
        # The headers first (cheap): a member that declares more than the limit is never unpacked.
        if sum(info.file_size for info in infos) > unpacked:
            raise SheetError(_("sheet_file_unpacks_too_big", limit=unpacked // (1024 * 1024)))

    def names(self) -> list[str]:
        return self.archive.namelist()

    def chunks(self, name: str) -> Iterator[bytes]:
        """The member's bytes, a chunk at a time, each counted against the file's limit as it comes."""
        with self.archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                self.unpacked += len(chunk)
                if self.unpacked > self.unpacked_limit:
                    raise SheetError(_("sheet_file_unpacks_too_big", limit=self.unpacked_limit // (1024 * 1024)))
                yield chunk

    def read(self, name: str) -> bytes:
        return b"".join(self.chunks(name))

    def parse(self, name: str, start: Start, end: End | None = None, text: Text | None = None) -> None:
        """Feed the member's XML to expat as it is unpacked: `start(name, attributes)` and `end(name)`
        for each element (names as `namespace local`), `text(data)` for character data."""
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.buffer_text = True

        def started(tag: str, attributes: dict[str, str]) -> None:
            self.elements += 1
            if self.elements > self.elements_limit:
                raise SheetError(_("sheet_file_too_many_elements", limit=count(self.elements_limit)))
            start(tag, attributes)

        def entity(name: str, *rest: Any) -> None:
            raise EntitiesForbidden(name, None, None, None, None, None)

        def doctype_external(name: str, sysid: str | None, pubid: str | None, *rest: Any) -> None:
            if sysid or pubid:
                raise DTDForbidden(name, sysid, pubid)

        def refused(*args: Any) -> int:  # an external entity is never fetched
            raise EntitiesForbidden("external", None, None, None, None, None)

        parser.StartElementHandler = started
        parser.EntityDeclHandler = entity
        parser.UnparsedEntityDeclHandler = entity
        parser.StartDoctypeDeclHandler = doctype_external
        parser.ExternalEntityRefHandler = refused
        if end is not None:
            parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        for chunk in self.chunks(name):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
