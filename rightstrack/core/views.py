from django.shortcuts import render

from rightstrack.core.selectors import overview
from rightstrack.recommendations.selectors import visible_recommendations


def home(request):
    """Counts of what the user can see, with links into the filtered list."""
    return render(request, "core/home.html", {"overview": overview(visible_recommendations(request.user))})
