"""factory_boy factories for recommendations; reference rows come from the shipped data."""

import factory

from rightstrack.recommendations.models import Document, Recommendation, TagAssignment
from rightstrack.reference.models import Mechanism, State, Term, UPRSession


def state(iso3: str) -> State:
    return State.objects.get(iso3=iso3)


def mechanism(code: str) -> Mechanism:
    return Mechanism.objects.get(code=code)


def session(number: int) -> UPRSession:
    return UPRSession.objects.get(number=number)


def term(taxonomy: str, code: str) -> Term:
    return Term.objects.get(taxonomy__slug=taxonomy, code=code)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        django_get_or_create = ["symbol"]

    symbol = factory.Sequence(lambda n: f"A/HRC/{40 + n}/15")
    mechanism = factory.LazyFunction(lambda: mechanism("UPR"))
    upr_session = factory.LazyFunction(lambda: session(34))


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    document = factory.SubFactory(DocumentFactory)
    mechanism = factory.LazyFunction(lambda: mechanism("UPR"))
    state = factory.LazyFunction(lambda: state("SVN"))
    upr_session = factory.LazyFunction(lambda: session(34))
    paragraph = factory.Sequence(lambda n: f"121.{n + 1}")
    text = factory.Sequence(lambda n: f"Ratify the Optional Protocol number {n}")
    is_published = True

    @factory.post_generation
    def recommending_states(self, create, extracted, **kwargs):
        if create and extracted:
            self.recommending_states.set([state(code) for code in extracted])


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TagAssignment

    recommendation = factory.SubFactory(RecommendationFactory)
    term = factory.LazyFunction(lambda: term("sdg-goals", "16"))
    origin = "imported"
