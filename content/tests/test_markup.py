"""The blog's text format: what consultants write becomes structure; nothing anyone types becomes markup."""

from html.parser import HTMLParser

import pytest

from content import markup

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "figure",
    "img",
    "figcaption",
}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.attrs = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def parse(html):
    parser = _Tags()
    parser.feed(str(html))
    return parser


def test_markup_renders_paragraphs_headings_lists_quotes_and_emphasis():
    html = str(
        markup.render(
            "Første afsnit\nmed linjeskift.\n\n## Medlemmer\n\n- **Familier:** skoler\n- Naboskab\n\n"
            "1. Start med *the why*\n2. Højst 2½ time\n\n> Vi er ikke i mål."
        )
    )
    assert "<p>Første afsnit<br>med linjeskift.</p>" in html
    assert "<h2>Medlemmer</h2>" in html
    assert "<ul><li><strong>Familier:</strong> skoler</li><li>Naboskab</li></ul>" in html
    assert "<ol><li>Start med <em>the why</em></li><li>Højst 2½ time</li></ol>" in html
    assert "<blockquote><p>Vi er ikke i mål.</p></blockquote>" in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD4=)",
        '[klik](https://x.dk/"onmouseover="alert(1))',
        'https://x.dk/"><script>alert(1)</script>',
        "## <b>overskrift</b>\n- <i>punkt</i>\n> <u>citat</u>",
        "**<script>**",
    ],
)
def test_markup_never_lets_html_or_script_links_through(text):
    for html in (markup.render(text), markup.render_comment(text)):
        parsed = parse(html)
        assert set(parsed.tags) <= ALLOWED_TAGS
        assert "script" not in parsed.tags
        for name, value in parsed.attrs:
            assert not name.startswith("on"), html
            assert not (value or "").lower().startswith(("javascript:", "data:")), html


def test_markup_links_only_to_https_and_site_addresses():
    html = str(
        markup.render("[CFBU](https://cfbu.example/rapport) [mail](mailto:a@b.dk) [side](/moeder/) [ond](javascript:x)")
    )
    assert '<a href="https://cfbu.example/rapport">CFBU</a>' in html
    assert '<a href="/moeder/">side</a>' in html
    # Shown as typed, not linked (content/tests/test_links.py walks every other form).
    assert "[mail](mailto:a@b.dk)" in html
    assert "[ond](javascript:x)" in html


def test_markup_places_uploaded_images_by_number_and_appends_the_rest():
    images = [
        markup.Image(url="/media/a.png", alt="Tre netværk", caption="Figur 1", width=1200, height=560),
        markup.Image(url="/media/b.png", alt='Et "andet" billede'),
    ]
    html = str(markup.render("Før\n\n[billede 1]\n\nEfter\n\n[billede 9]", images=images))
    assert html.index("a.png") < html.index("Efter") < html.index("b.png")
    assert 'alt="Tre netværk" width="1200" height="560"' in html
    assert "<figcaption>Figur 1</figcaption>" in html
    assert 'alt="Et &quot;andet&quot; billede"' in html
    assert "billede 9" not in html


def test_comment_text_is_escaped_and_its_links_are_nofollow_ugc():
    html = str(markup.render_comment("Se https://helhedsplan.example.dk/netvaerk.\n\n**ikke fed** <b>x</b>"))
    assert '<a href="https://helhedsplan.example.dk/netvaerk" rel="nofollow ugc noopener">' in html
    assert "netvaerk</a>." in html
    assert "**ikke fed** &lt;b&gt;x&lt;/b&gt;" in html
    assert html.count("<p>") == 2


def test_plain_text_and_first_paragraph_drop_the_markup():
    text = "## Overskrift\n\nDet **vigtigste** er [the why](https://x.dk).\n\n- punkt"
    assert markup.first_paragraph(text) == "Overskrift"
    assert "Det vigtigste er the why." in markup.plain(text)
    assert markup.first_paragraph("ord " * 100, limit=20).endswith("…")
