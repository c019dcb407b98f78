"""French typography in what editors write: « ? », « : », « » » never alone at a line's start."""

from django.template import Context, Template

NB = "\N{NO-BREAK SPACE}"


def render(source: str, **context) -> str:
    return Template("{% load hub_tags %}" + source).render(Context(context))


def test_the_space_before_high_punctuation_and_inside_guillemets_is_non_breaking():
    text = "Que faire quand un lieu n’est desservi par aucun transport en commun ?"
    assert render("{{ t|french_spacing }}", t=text).endswith(f"commun{NB}?")
    assert render("{{ t|french_spacing }}", t="Le « cas » : <b>") == (
        f"Le «{NB}cas{NB}»{NB}: &lt;b&gt;"  # still escaped
    )
    assert render("{{ t|french_spacing }}", t="Why? Because: it is") == "Why? Because: it is"
