"""Call for projects or news: decided from the source, the title's words, a deadline."""

import re

from watch.collection.dates import _fold

# Folded (lower-case, no accents) phrases that announce a call.
CALL_PHRASES = re.compile(
    r"(?<!\w)(?:appels?\s+a\s+(?:projets?|candidatures?|manifestations?\s+d['’]interet"
    r"|propositions?|participation|residences?|contributions?)|candidatures?|appel\s+d['’]offres?"
    r"|concours|bourses?|fonds\s+d['’]aide|dispositif\s+de\s+soutien)(?!\w)"
)
# Acronyms only count in capitals: "ami" is also a French word.
CALL_ACRONYMS = re.compile(r"(?<!\w)(?:AAP|AMI|AAC)(?!\w)")


def looks_like_call(title: str, categories: list[str] | None = None) -> bool:
    """Whether the title (or a category) names a call for projects or applications."""
    if CALL_ACRONYMS.search(title or ""):
        return True
    haystack = _fold(" ".join([title or "", *(categories or [])]))
    return bool(CALL_PHRASES.search(haystack))


def classify(
    publishes: str,
    *,
    title: str,
    categories: list[str] | None = None,
    has_deadline: bool = False,
    permanent: bool = False,
) -> str:
    """Return "call" or "news" for one item of a source that publishes news, calls or both."""
    if publishes == "calls":
        return "call"
    if publishes == "news":
        return "news"
    if has_deadline or permanent or looks_like_call(title, categories):
        return "call"
    return "news"
