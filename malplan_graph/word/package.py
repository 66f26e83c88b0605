"""The .docx package, checked before python-docx opens it: an ordinary file of sane size, a
zip whose every part unpacks (not encrypted, damaged or packed in an unknown way, no zip bomb),
and a main part that is a Word document (no DTD, the right root, a body). Reads no answers.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from ..errors import InputError
from ..store.inputs import regular_file

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: A .docx larger than this is refused before it is opened.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: What the zip may unpack to in all, and how much one member may grow: beyond is a zip bomb.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")

RESAVE_DA = "åbn den i Word, og gem den igen som .docx."
RESAVE_EN = "open it in Word and save it again as .docx."


def file_error(path: Path, da: str, en: str) -> InputError:
    return InputError(f"{path.name}: {da}", f"{path.name}: {en}")


def check_file(path: Path) -> None:
    """Refuse what is not a readable .docx before python-docx sees it: not an ordinary file,
    too large, an old .doc, password-protected, not a zip, a zip without a Word document, a zip
    bomb, a member that is encrypted, damaged or packed in a way that cannot be unpacked, and a
    main part that is not a Word document (XML entities, another root element, no body)."""
    regular_file(path, MAX_FILE_BYTES, shown=path.name)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise file_error(
            path,
            f"kan ikke åbnes: {error.strerror}; kontrollér rettighederne.",
            f"cannot be opened: {error.strerror}; check the permissions.",
        ) from error
    if head.startswith(_OLE):
        if _ENCRYPTED in path.read_bytes():
            raise file_error(
                path,
                "dokumentet er beskyttet med adgangskode; gem det uden adgangskode og prøv igen.",
                "the document is password-protected; save it without a password and try again.",
            )
        raise file_error(
            path,
            "det er et gammelt Word-dokument (.doc); gem det som .docx i Word og prøv igen.",
            "it is an old Word document (.doc); save it as .docx in Word and try again.",
        )
    if not zipfile.is_zipfile(path):
        raise file_error(
            path,
            "er ikke et Word-dokument (.docx); gem den som .docx i Word, og prøv igen.",
            "is not a Word document (.docx); save it as .docx in Word and try again.",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if "word/document.xml" not in names:
                raise file_error(
                    path,
                    f"zip-filen indeholder intet Word-dokument (word/document.xml mangler); {RESAVE_DA}",
                    f"the zip file holds no Word document (word/document.xml is missing); {RESAVE_EN}",
                )
            unpacked = sum(member.file_size for member in members)
            swollen = any(
                member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1)
                for member in members
            )
            if unpacked > MAX_UNPACKED_BYTES or swollen:
                raise file_error(
                    path,
                    f"filen pakker sig ud til urimeligt meget data (en zip-bombe?) og læses ikke; {RESAVE_DA}",
                    f"the file unpacks to an unreasonable amount of data (a zip bomb?) and is not read; {RESAVE_EN}",
                )
            # python-docx reads every part: unpack each one here, so that a damaged one is
            # named rather than raised from inside python-docx (issue 10).
            for member in members:
                _unpack(path, archive, member)
            document = archive.read("word/document.xml")
    except zipfile.BadZipFile as error:
        raise file_error(
            path, f"zip-filen er ødelagt: {error}; {RESAVE_DA}", f"the zip file is damaged: {error}; {RESAVE_EN}"
        ) from error
    _check_main_part(path, document)


def _unpack(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    if member.flag_bits & 0x1:
        raise file_error(
            path,
            f"delen {member.filename} er krypteret med adgangskode; gem dokumentet uden adgangskode og prøv igen.",
            f"the part {member.filename} is encrypted with a password; save the document without a password and "
            "try again.",
        )
    try:
        with archive.open(member) as stream:
            while stream.read(1 << 20):
                pass
    except NotImplementedError as error:
        raise file_error(
            path,
            f"delen {member.filename} er pakket på en måde, der ikke kan pakkes ud (metode {member.compress_type}); "
            f"{RESAVE_DA}",
            f"the part {member.filename} is packed in a way that cannot be unpacked (method "
            f"{member.compress_type}); {RESAVE_EN}",
        ) from error
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, lzma.LZMAError) as error:
        raise file_error(
            path,
            f"delen {member.filename} er ødelagt og kan ikke pakkes ud ({error}); {RESAVE_DA}",
            f"the part {member.filename} is damaged and cannot be unpacked ({error}); {RESAVE_EN}",
        ) from error


def _check_main_part(path: Path, document: bytes) -> None:
    """word/document.xml, read once by expat: well-formed, no DTD (Word writes none), the root
    a Word document with a body."""
    parser = expat.ParserCreate(namespace_separator=" ")
    found = {"depth": 0, "root": "", "body": False}

    def doctype(*_):
        raise file_error(
            path,
            "dokumentet indeholder XML-erklæringer (DOCTYPE), som Word ikke skriver, og læses ikke; " + RESAVE_DA,
            "the document holds XML declarations (DOCTYPE) that Word does not write, and is not read; " + RESAVE_EN,
        )

    def start(name, attributes):
        if found["depth"] == 0:
            found["root"] = name
        elif found["depth"] == 1 and name == W_NS + " body":
            found["body"] = True
        found["depth"] += 1

    def end(name):
        found["depth"] -= 1

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(document, True)
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code)
        raise file_error(
            path,
            f"word/document.xml er ikke gyldig XML (linje {error.lineno}: {reason}); {RESAVE_DA}",
            f"word/document.xml is not well-formed XML (line {error.lineno}: {reason}); {RESAVE_EN}",
        ) from error
    if found["root"] != W_NS + " document":
        root = found["root"].rpartition(" ")[2]
        raise file_error(
            path,
            f"er ikke et Word-dokument: hoveddelen er <{root}>, ikke <w:document>; {RESAVE_DA}",
            f"is not a Word document: its main part is <{root}>, not <w:document>; {RESAVE_EN}",
        )
    if not found["body"]:
        raise file_error(
            path,
            f"Word-dokumentet har ingen brødtekst (w:body); {RESAVE_DA}",
            f"the Word document has no body (w:body); {RESAVE_EN}",
        )
