from django.utils.html import strip_tags

from assembly.mentions import TAG, Mention, by_first_mention


def names(mentions):
    return [mention.name for mention in mentions]


def test_mentions_follow_the_text_not_its_markup():
    # The link's title names «Beta» and «Gamma» first; only the text a reader sees counts.
    body = (
        '<p><a href="/kk/x/" title="Gamma &gt; Beta > Gamma">Alpha</a> and then Betas,</p>'
        "<ul><li><strong>Gamma</strong></li></ul>"
    )
    mentions = [Mention(name, "/") for name in ("Gamma", "Delta", "Beta", "Alpha")]
    assert names(by_first_mention(mentions, body)) == ["Alpha", "Beta", "Gamma", "Delta"]


def test_markup_is_removed_as_strip_tags_removes_it():
    body = (
        '<p class="lead">Қазақстан <a href="https://example.com/?a=1&amp;b=2" title="x > y">'
        "халқы</a> Ассамблеясы&nbsp;— <em>«Достық үйі»</em></p><br><p>1 &lt; 2</p>"
    )
    assert TAG.sub("", body) == strip_tags(body)
