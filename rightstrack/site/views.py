from django.shortcuts import render

from rightstrack.recommendations.selectors import visible_recommendations
from rightstrack.site.selectors import overview


def home(request):
    """Counts of what the user can see, with links into the filtered list."""
    return render(request, "site/home.html", {"overview": overview(visible_recommendations(request.user))})
