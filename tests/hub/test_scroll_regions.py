"""A table wider than a phone scrolls in its box: the box takes the keyboard focus, with a name.

axe's `scrollable-region-focusable`: keyboard users must be able to reach and scroll it.
"""

import re

import pytest

from hub.blocks import TableBlock
from resources.blocks import ActionPlanBlock


def region_of(html: str) -> str:
    match = re.search(r'<div class="table-wrapper"[^>]*>', html)
    assert match, html
    return match[0]


@pytest.mark.django_db
def test_the_action_plan_table_is_a_focusable_named_region():
    block = ActionPlanBlock()
    value = block.to_python(
        {
            "title": "Plan d’action sobriété",
            "introduction": "",
            "rows": [{"stake": "Énergie", "keywords": "", "actions": "<p>Mesurer</p>"}],
        }
    )
    region = region_of(block.render(value))
    assert 'role="region"' in region and 'tabindex="0"' in region
    assert 'aria-label="Plan d’action sobriété"' in region


def test_a_table_block_is_named_after_its_caption_or_called_a_table():
    block = TableBlock()
    for caption, name in (("Budget prévisionnel", "Budget prévisionnel"), ("", "Tableau")):
        value = block.to_python(
            {"caption": caption, "columns": [{"type": "text", "heading": "Poste"}], "rows": []}
        )
        region = region_of(block.render(value))
        assert 'role="region"' in region and 'tabindex="0"' in region
        assert f'aria-label="{name}"' in region


@pytest.mark.django_db
def test_the_versions_table_of_a_workspace_document_is_a_focusable_named_region(
    client, home, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.members.workspace_factories import World

    settings.MEMBERS_FILES_ROOT = tmp_path / "private"
    with django_capture_on_commit_callbacks(execute=True):
        world = World()
    client.force_login(world.partner)
    html = client.get(reverse("members:document", args=[world.a.slug, world.document.pk])).text

    region = region_of(html)
    assert 'role="region"' in region and 'tabindex="0"' in region
    assert 'aria-labelledby="versions-title"' in region
    assert re.search(r'<h2 id="versions-title">Versions</h2>', html)
