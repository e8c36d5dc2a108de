import pytest

from rightstrack.recommendations.models import TagAssignment
from rightstrack.recommendations.tests.factories import RecommendationFactory, TagFactory, term
from rightstrack.tagging import selectors, services
from rightstrack.tagging.models import Classifier, RejectedTag
from rightstrack.tagging.tests.factories import labelled_actions, with_vector

pytestmark = pytest.mark.django_db
ACTION = "action-category"


@pytest.fixture
def trained():
    labelled_actions()
    [result] = services.train([ACTION])
    assert not result.error
    return result


def _new(text: str, seed: int = 1000):
    return with_vector(RecommendationFactory(text=text), seed)


def _tags(rec):
    return {
        (t.term.code, t.origin, t.confirmed, t.confidence) for t in TagAssignment.objects.filter(recommendation=rec)
    }


def test_train_stores_an_active_classifier_that_predicts_from_opening_words(trained):
    classifier = Classifier.objects.get(taxonomy=ACTION, active=True)
    assert classifier.labels == ["2", "3", "5"]
    model = selectors.active_model(ACTION)
    _texts, vectors = selectors.texts_and_vectors([_new("Ratify the Rome Statute").pk])
    [[(label, score)]] = model.predict(["Ratify the Rome Statute"], list(vectors.values())[0][None, :])
    assert label == "5" and 0 < score <= 1


def test_retraining_keeps_a_few_versions_and_one_active(trained):
    for _ in range(services.KEEP_VERSIONS + 1):
        services.train([ACTION])
    assert Classifier.objects.filter(taxonomy=ACTION).count() == services.KEEP_VERSIONS
    assert Classifier.objects.filter(taxonomy=ACTION, active=True).count() == 1


def test_too_few_labels_is_reported_not_raised():
    [result] = services.train(["uhri-themes"])
    assert "too few" in result.error
    assert not Classifier.objects.exists()


def test_tag_stores_suggestions_with_confidence(trained):
    rec = _new("Ratify the Convention on enforced disappearance")
    summary = services.tag([rec.pk], taxonomies=[ACTION])
    assert summary.added == 1
    tag = TagAssignment.objects.get(recommendation=rec)
    assert (tag.term.code, tag.origin, tag.confirmed) == ("5", "automatic", False)
    assert 0 < tag.confidence <= 1


def test_confirmed_imported_and_manual_tags_are_never_overwritten(trained):
    """The issue's rule: a later automatic run never changes or removes a tag a person
    confirmed, nor an imported or manual one."""
    confirmed = _new("Ratify the Convention on the rights of persons with disabilities", 1)
    TagFactory(recommendation=confirmed, term=term(ACTION, "3"), origin="automatic", confidence=0.41, confirmed=True)
    imported = _new("Ratify the Arms Trade Treaty", 2)
    TagFactory(recommendation=imported, term=term(ACTION, "2"), origin="imported")
    manual = _new("Ratify the Kampala amendments", 3)
    TagFactory(recommendation=manual, term=term(ACTION, "4"), origin="manual")
    themes = _new("Ratify ILO Convention 189", 4)
    TagFactory(recommendation=themes, term=term("sdg-goals", "8"), origin="automatic", confidence=0.2, confirmed=True)
    before = {rec.pk: _tags(rec) for rec in (confirmed, imported, manual, themes)}
    for _ in range(2):  # and again: nothing accumulates
        services.tag([confirmed.pk, imported.pk, manual.pk, themes.pk])
    for rec in (confirmed, imported, manual):
        # Their one action category stands: no competing suggestion either.
        assert _tags(rec) == before[rec.pk]
    assert before[themes.pk] < _tags(themes)  # its action category is suggested; its SDG stays


def test_a_rejected_suggestion_is_never_made_again(trained, admin_user):
    rec = _new("Ratify the Convention on statelessness")
    services.tag([rec.pk], taxonomies=[ACTION])
    tag = TagAssignment.objects.get(recommendation=rec)
    assert services.reject(admin_user, [tag.pk]) == 1
    assert RejectedTag.objects.filter(recommendation=rec, term=tag.term, rejected_by=admin_user).exists()
    services.tag([rec.pk], taxonomies=[ACTION])
    assert not TagAssignment.objects.filter(recommendation=rec).exists()


def test_accept_confirms_and_a_rerun_leaves_it(trained, admin_user):
    rec = _new("Ratify the Optional Protocol to CEDAW")
    services.tag([rec.pk], taxonomies=[ACTION])
    tag = TagAssignment.objects.get(recommendation=rec)
    assert services.accept(admin_user, [tag.pk]) == 1
    tag.refresh_from_db()
    assert tag.confirmed and tag.confirmed_by == admin_user and tag.confirmed_at
    services.tag([rec.pk], taxonomies=[ACTION])
    assert _tags(rec) == {("5", "automatic", True, tag.confidence)}


def test_accept_and_reject_leave_tags_that_are_not_pending_suggestions(admin_user):
    tag = TagFactory(term=term(ACTION, "5"), origin="imported")
    assert services.accept(admin_user, [tag.pk]) == 0
    assert services.reject(admin_user, [tag.pk]) == 0
    tag.refresh_from_db()
    assert not tag.confirmed


def test_a_suggestion_the_model_no_longer_makes_is_withdrawn(trained):
    rec = _new("Ratify the Convention against Corruption")
    TagFactory(recommendation=rec, term=term(ACTION, "1"), origin="automatic", confidence=0.3)
    summary = services.tag([rec.pk], taxonomies=[ACTION])
    assert summary.removed == 1
    assert {t[0] for t in _tags(rec)} == {"5"}


def test_only_untagged_skips_recommendations_that_have_a_tag_of_the_taxonomy(trained):
    tagged = _new("Ratify the Istanbul Convention", 1)
    TagFactory(recommendation=tagged, term=term(ACTION, "4"), origin="imported")
    untagged = _new("Ratify the Convention on the Rights of the Child", 2)
    services.tag([tagged.pk, untagged.pk], taxonomies=[ACTION], only_untagged=True)
    assert _tags(tagged) == {("4", "imported", False, None)}
    assert {t[0] for t in _tags(untagged)} == {"5"}


def test_tag_without_any_classifier_does_nothing():
    rec = _new("Ratify the Convention")
    summary = services.tag([rec.pk])
    assert summary.added == 0 and set(summary.skipped_taxonomies) >= {ACTION, "sdg-goals"}


def test_type_is_learnt_from_the_recommendations_own_field():
    concerns = [
        "The Committee is concerned about reports of torture in detention {}",
        "The Committee is concerned at the persistence of child labour {}",
    ]
    recommendations = [
        "The State party should adopt a law on asylum {}",
        "The State party should ratify the protocol {}",
    ]
    for i in range(6):
        for pattern in concerns:
            with_vector(RecommendationFactory(text=pattern.format(i), type="concern"), i)
        for pattern in recommendations:
            with_vector(RecommendationFactory(text=pattern.format(i), type="recommendation"), 100 + i)
    [result] = services.train(["type"])
    assert not result.error and result.n == 24
    model = selectors.active_model("type")
    rec = _new("The Committee is concerned about the conditions of detention")
    _texts, vectors = selectors.texts_and_vectors([rec.pk])
    [[(label, _score)]] = model.predict([rec.text], vectors[rec.pk][None, :])
    assert label == "concern"
    # Type is a field, not a tag: `tag` writes no suggestion for it.
    assert "type" in services.tag([rec.pk], taxonomies=["type"]).skipped_taxonomies


def test_training_examples_are_capped_by_a_fixed_sample():
    from rightstrack.tagging.learn import Example

    examples = [Example(f"text {i}", ["1"]) for i in range(50)]
    first, second = services.capped(examples, 10), services.capped(examples, 10)
    assert len(first) == 10 and [e.text for e in first] == [e.text for e in second]
    assert services.capped(examples[:5], 10) == examples[:5]


def test_a_classifier_too_weak_to_be_worth_reviewing_makes_no_suggestion(trained):
    classifier = Classifier.objects.get(taxonomy=ACTION, active=True)
    classifier.metrics = {"micro_f1": 0.03}
    classifier.save()
    rec = _new("Ratify the Convention on enforced disappearance")
    summary = services.tag([rec.pk], taxonomies=[ACTION])
    assert summary.weak_taxonomies == [ACTION] and summary.added == 0
    classifier.metrics = {"micro_f1": 0.6}
    classifier.save()
    assert services.tag([rec.pk], taxonomies=[ACTION]).added == 1


def test_after_an_import_the_new_recommendations_get_vectors_then_suggestions(trained, settings):
    from rightstrack.recommendations.after_import import after_import
    from rightstrack.search.models import Embedding

    settings.VECTORS_ON_IMPORT = settings.TAG_ON_IMPORT = True
    new = RecommendationFactory(text="Ratify the Convention on the Rights of Persons with Disabilities")
    untouched = RecommendationFactory(text="Ratify the Arms Trade Treaty")
    lines = []
    assert after_import([new.pk], say=lines.append) == ["vectors", "suggestions"]
    assert Embedding.objects.filter(pk=new.pk).exists() and not Embedding.objects.filter(pk=untouched.pk).exists()
    assert TagAssignment.objects.filter(recommendation=new).count() == 1
    assert lines[-1].startswith("tag suggestions: 1 added")


def test_the_train_and_tag_jobs():
    from django.contrib.auth import get_user_model

    from rightstrack.core import jobs
    from rightstrack.core.models import Job, JobState

    staff_user = get_user_model().objects.create_user("nmrf", is_staff=True)
    labelled_actions()
    rec = _new("Ratify the Convention on enforced disappearance")
    only = {"taxonomies": [ACTION]}
    train, tag = jobs.start("train", staff_user, params=only), jobs.start("tag", staff_user, params=only)
    jobs.run_queued()
    train, tag = Job.objects.get(pk=train.pk), Job.objects.get(pk=tag.pk)
    assert train.state == tag.state == JobState.DONE, (train.errors, tag.errors)
    assert ACTION in train.result["trained"] and any("trained on" in line for line in train.messages)
    assert tag.result["added"] >= 1 and TagAssignment.objects.filter(recommendation=rec).exists()
