"""Names of States in the six UN languages, for documents written in one of them.

rightstrack stores each State's English name as the UN writes it. In another language a
document names the State as the ISO 3166 standard does in that language: the translations
of Debian's iso-codes, shipped inside the ``pycountry`` package (no network, no system
files). A State the catalogue does not know, or does not translate, keeps its stored name.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

# Django's language codes -> iso-codes' catalogues.
CATALOGUES = {"fr": "fr", "es": "es", "ar": "ar", "ru": "ru", "zh-hans": "zh_CN", "zh": "zh_CN"}


@lru_cache(maxsize=8)
def _catalogue(language: str):
    import pycountry

    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[CATALOGUES[language]])
    except (KeyError, OSError):
        return None


@lru_cache(maxsize=4096)
def state_name(iso3: str, stored: str, language: str | None) -> str:
    """The name of the State ``iso3`` in ``language`` (a Django code: "ar",
    "zh-hans"…); ``stored``, its English UN name, in English or when unknown."""
    language = (language or "en").lower()
    if language.startswith("en") or not iso3:
        return stored
    catalogue = _catalogue(language)
    if catalogue is None:
        return stored
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3.upper())
    if country is None:
        return stored
    translated = catalogue.gettext(country.name)
    return translated if translated != country.name else stored
