"""factory_boy factories for planning; people get their role through a Profile."""

import factory
from django.contrib.auth import get_user_model

from rightstrack.accounts.models import Entity, Profile
from rightstrack.planning.models import Action, Cluster, Plan
from rightstrack.recommendations.tests.factories import RecommendationFactory


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity

    name = factory.Sequence(lambda n: f"Ministry {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")


def person(role: str, entity: Entity | None = None):
    user = UserFactory()
    Profile.objects.create(user=user, role=role, entity=entity)
    return user


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"National plan {n}")


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Cluster {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    recommendation = factory.SubFactory(RecommendationFactory)
    entity = factory.SubFactory(EntityFactory)
    title = factory.Sequence(lambda n: f"Draft the law {n}")


def api_headers(user) -> dict:
    """Keyword arguments of the test client that call the API as ``user`` (a new token)."""
    from rightstrack.api.services import create_token

    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user.username, 'tests')[1]}"}


def api_post(client, url: str, data: dict, user):
    """POST JSON to the API as ``user``."""
    return client.post(url, data, content_type="application/json", **api_headers(user))
