"""People and their roles (NMRF administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from rightstrack.accounts import roles, selectors, services
from rightstrack.accounts.forms import RoleForm
from rightstrack.accounts.models import Profile
from rightstrack.core.permissions import require
from rightstrack.core.web import page_form, signed_in


@signed_in
def people(request):
    """Accounts and their roles (NMRF administrators)."""
    require(request.user, "accounts.give_roles", refused=_("roles are given by an NMRF administrator"))
    return render(request, "accounts/people.html", {"users": selectors.people()})


@signed_in
def person_role(request, pk: int):
    require(request.user, "accounts.give_roles", refused=_("roles are given by an NMRF administrator"))
    person = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    profile = Profile.objects.filter(user=person).first()
    initial = {"role": roles.role_of(person), "entity": profile.entity_id if profile else None}
    form = RoleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_role(request.user, person, form.cleaned_data["role"], form.cleaned_data["entity"])
        messages.success(request, _("Role of %(name)s saved.") % {"name": person.get_username()})
        return redirect("accounts:people")
    return page_form(
        request,
        form,
        title=_("Role of %(name)s") % {"name": person.get_username()},
        cancel=reverse("accounts:people"),
        intro=_("New accounts are made with: rightstrack createuser NAME"),
    )
