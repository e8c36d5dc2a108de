"""Every write to recommendations sends ``recommendations_changed``, saying whether texts
changed: the one thing search listens to."""

import pytest

from rightstrack.recommendations.models import Translation
from rightstrack.recommendations.signals import recommendations_changed
from rightstrack.recommendations.tests.factories import RecommendationFactory, TagFactory, state


@pytest.fixture
def sent():
    calls = []

    def listen(sender, ids, texts, **kwargs):
        calls.append((sorted(ids), texts))

    recommendations_changed.connect(listen)
    yield calls
    recommendations_changed.disconnect(listen)


def test_model_writes_send_the_signal_with_what_changed(db, sent):
    rec = RecommendationFactory()
    assert sent == [([rec.pk], True)]
    sent.clear()
    rec.follow_up = True
    rec.save(update_fields=["follow_up"])
    rec.text = "A new text"
    rec.save(update_fields=["text"])
    assert sent == [([rec.pk], False), ([rec.pk], True)]
    sent.clear()
    Translation.objects.create(recommendation=rec, language="fr", text="Un texte")
    TagFactory(recommendation=rec)
    rec.recommending_states.add(state("FRA"))
    assert sent == [([rec.pk], True), ([rec.pk], False), ([rec.pk], False)]


def test_search_listens_to_this_signal_alone():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from rightstrack.search import signals as search_signals

    receivers = [
        r[1]()
        for signal in (post_save, post_delete, m2m_changed)
        for r in signal.receivers
        if getattr(r[1](), "__module__", None) == search_signals.__name__
    ]
    assert receivers == []
    assert any(getattr(r[1](), "__module__", "") == search_signals.__name__ for r in recommendations_changed.receivers)
