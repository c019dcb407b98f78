"""Every string the code and templates mark for translation is in both catalogues, and English
has a real translation for each: an untranslated string would show French on an English page.

The strings are extracted with Django's `makemessages` from a temporary copy of the sources
(the project's locale/ is never written), then compared with locale/fr and locale/en.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# What `make messages` leaves out (Makefile), plus what holds no translatable source.
SKIPPED_DIRS = {
    ".venv",
    "var",
    "node_modules",
    "bench",
    "tests",
    "locale",
    ".git",
    "docs",
    "requirements",
}
SOURCE_SUFFIXES = {".py", ".html", ".txt"}

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is needed")


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(line: str) -> str:
    quoted = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda match: ESCAPES.get(match[1], match[0]), quoted)


def read_po(path: Path) -> dict[tuple[str, str], dict]:
    """{(context, msgid): {"msgstr": [...], "fuzzy": bool}} of a .po file (obsolete skipped)."""
    entries: dict[tuple[str, str], dict] = {}
    current: dict = {}
    field = None

    def flush():
        if "msgid" in current and current["msgid"]:
            key = (current.get("msgctxt", ""), current["msgid"])
            entries[key] = {
                "msgstr": [value for name, value in current.items() if name.startswith("msgstr")],
                "fuzzy": current.get("fuzzy", False),
            }

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line:
                flush()
                current, field = {}, None
            continue
        if line.startswith("#,"):
            current["fuzzy"] = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[field] += _unquote(line)
        else:
            field = line.split(" ", 1)[0]
            current[field] = _unquote(line)
    flush()
    return entries


def _source_copy(destination: Path) -> None:
    def ignore(folder, names):
        return [
            name
            for name in names
            if name in SKIPPED_DIRS
            or name == "__pycache__"
            or (Path(folder, name).is_file() and Path(name).suffix not in SOURCE_SUFFIXES)
        ]

    shutil.copytree(settings.BASE_DIR, destination, ignore=ignore)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict:
    """The msgids makemessages finds in the sources today."""
    source = tmp_path_factory.mktemp("catalogues") / "src"
    _source_copy(source)
    (source / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    previous = Path.cwd()
    try:
        os.chdir(source)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(settings, "LOCALE_PATHS", [source / "locale"])
            call_command("makemessages", locale=["fr"], verbosity=0, no_obsolete=True)
    finally:
        os.chdir(previous)
    return read_po(source / "locale" / "fr" / "LC_MESSAGES" / "django.po")


def _catalogue(language: str) -> dict:
    return read_po(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po")


def _report(keys, hint: str) -> str:
    keys = sorted(keys, key=lambda key: key[1])
    shown = "\n".join(
        f"  {msgid!r}" + (f" (context {ctx!r})" if ctx else "") for ctx, msgid in keys[:25]
    )
    more = f"\n  … and {len(keys) - 25} more" if len(keys) > 25 else ""
    return f"{len(keys)} string(s) ({hint}):\n{shown}{more}"


def test_makemessages_finds_the_strings_of_code_and_templates(extracted):
    # The extraction itself works (else the checks below would pass on nothing).
    assert ("", "Aller au contenu") in extracted
    assert len(extracted) > 500


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_extracted_string_is_in_the_catalogue(extracted, language):
    missing = extracted.keys() - _catalogue(language).keys()
    assert not missing, f"missing from locale/{language}: " + _report(
        missing, "run `make messages`, then translate them"
    )


def test_every_english_string_is_translated_and_none_is_fuzzy(extracted):
    english = _catalogue("en")
    untranslated = {
        key
        for key in extracted.keys() & english.keys()
        if english[key]["fuzzy"] or not all(english[key]["msgstr"])
    }
    assert not untranslated, "untranslated or fuzzy in locale/en: " + _report(
        untranslated, "fill in msgstr, remove the fuzzy flag"
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_catalogue_compiles_with_matching_placeholders(language):
    """A translation that drops or renames %(name)s would crash the page that shows it."""
    po = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(  # noqa: S603 - fixed arguments, a file of the project
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(po)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_no_translation_function_hides_under_a_name_makemessages_ignores():
    """xgettext knows `_`, `gettext`, `ngettext`, `pgettext`… not an alias such as `_gettext`:
    the strings of an aliased call were never extracted (the home's « Appels à projets qui
    ferment bientôt » stayed French on the English site)."""
    alias = re.compile(r"from django\.utils\.translation import .*\b(\w*gettext\w*) as (\w+)")
    offending = []
    for path in sorted(Path(settings.BASE_DIR).rglob("*.py")):
        relative = path.relative_to(settings.BASE_DIR).as_posix()
        if relative.startswith((".venv/", "node_modules/", "var/")):
            continue
        for match in alias.finditer(path.read_text()):
            if match.group(2) != "_":
                offending.append(f"{relative}: {match.group(0)}")
    assert offending == []
