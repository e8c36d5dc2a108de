"""The quality check on real-looking UN recommendations: UPR imperatives, Human Rights
Committee paragraphs with lettered parts, French and Spanish texts."""

import pytest

from rightstrack.tagging.quality import KEYS, QualityReport, check

# Human Rights Committee, CCPR/C/BGR/CO/4, para. 10 (selected for follow-up), abridged.
CCPR_BGR = (
    "The State party should: (a) Amend the Criminal Code and the Radio and Television Act to explicitly include sexual "
    "orientation and gender identity as hate motives and grounds of discrimination, respectively; (b) Ensure that any "
    "advocacy of ethnic or racial hatred that constitutes incitement to discrimination, hostility or violence is "
    "prohibited in law and in practice; (c) Effectively enforce criminal provisions against hate crimes and hate "
    "speech by ensuring that such crimes are reported, investigated, prosecuted and punished with appropriate "
    "sanctions, and that victims receive full reparation"
)
# CCPR/C/UZB/CO/5, para. 25, abridged: a general lead-in, then lettered parts.
CCPR_UZB = (
    "The State party should take robust measures to eradicate torture and ill-treatment, including by: (a) Conducting "
    "prompt, thorough, effective, independent and impartial investigations into all allegations of torture and "
    "ill-treatment; (b) Ensuring that all persons deprived of liberty have access to an independent and effective "
    "complaints mechanism"
)


def verdict(report: QualityReport, key: str):
    return next(v for v in report.verdicts if v.key == key)


# Concrete action -------------------------------------------------------------------------


def test_ratify_with_a_treaty_is_a_concrete_specific_action():
    report = check("Ratify the Optional Protocol to the Convention against Torture", mechanism="UPR")
    action = verdict(report, "concrete_action")
    assert action.passed and action.evidence == "Ratify"
    assert 'Action verb "Ratify"' in action.reason and "Optional Protocol" in action.reason
    assert report.category == 5


def test_consider_never_passes_even_with_a_concrete_verb_inside():
    report = check(
        "Consider ratifying the International Convention on the Protection of the Rights of All Migrant "
        "Workers and Members of Their Families",
        mechanism="UPR",
    )
    action = verdict(report, "concrete_action")
    assert not action.passed
    assert "consider" in action.reason.lower() and "ratifying" in action.reason
    assert report.category == 3


def test_continue_efforts_to_ratify_passes_with_its_frame_named():
    report = check("Continue efforts to ratify CPED", mechanism="UPR")
    action = verdict(report, "concrete_action")
    assert action.passed and action.evidence == "ratify"
    assert 'framed by "Continue"' in action.reason
    assert report.category == 2


def test_continue_efforts_without_a_specific_action_fails():
    report = check("Continue its efforts to combat poverty and social exclusion", mechanism="UPR")
    action = verdict(report, "concrete_action")
    assert not action.passed and "continue" in action.reason.lower()
    assert report.category == 2


def test_measures_to_a_general_aim_are_not_concrete():
    report = check("Adopt further measures to fight impunity of persons responsible for torture", mechanism="UPR")
    action = verdict(report, "concrete_action")
    assert not action.passed
    assert 'General verb "fight"' in action.reason
    assert report.category == 4


def test_take_steps_to_a_concrete_action_passes_but_stays_general_for_upr_info():
    report = check("Take the necessary steps with a view to formally abolishing the death penalty", mechanism="UPR")
    assert verdict(report, "concrete_action").passed
    assert verdict(report, "concrete_action").evidence == "abolishing"
    assert report.category == 4  # UPR Info reads the first verb: "take steps" is general action


def test_implementing_verb_needs_a_named_instrument():
    plan = check("Implement the National Action Plan against Trafficking in Human Beings", mechanism="UPR")
    vague = check("Implement effective measures to improve prison conditions", mechanism="UPR")
    assert verdict(plan, "concrete_action").passed
    assert not verdict(vague, "concrete_action").passed


def test_ensure_that_something_is_done_names_the_action_inside():
    report = check(
        "The State party should ensure that all allegations of torture are promptly investigated and that "
        "perpetrators are prosecuted",
        mechanism="CCPR",
    )
    action = verdict(report, "concrete_action")
    assert action.passed and action.evidence == "investigated"
    assert action.reason.startswith('Action through "ensure"')


def test_ensure_a_state_of_affairs_is_general():
    report = check(
        "Take steps to ensure that legislation protects the full rights of sexual minorities", mechanism="UPR"
    )
    assert not verdict(report, "concrete_action").passed
    assert 'General verb "ensure"' in verdict(report, "concrete_action").reason


def test_lettered_parts_are_counted_and_the_first_concrete_one_explains():
    report = check(CCPR_BGR, mechanism="CCPR")
    action = verdict(report, "concrete_action")
    assert action.passed and action.evidence == "Amend"
    assert "the Criminal Code" in action.reason
    assert "of 3 parts name a concrete action" in action.reason
    assert report.category == 5


def test_gerund_parts_of_a_committee_paragraph():
    report = check(CCPR_UZB, mechanism="CCPR")
    action = verdict(report, "concrete_action")
    assert action.passed and action.evidence == "Conducting"  # "conducting … investigations"
    assert "1 of 3 parts" in action.reason
    assert report.category == 4  # the lead-in, "take robust measures to eradicate", is general


def test_an_unknown_verb_is_reported_as_such():
    report = check("Receive thematic rapporteurs and cooperate fully with them", mechanism="UPR")
    assert verdict(report, "concrete_action").passed  # "receive" a visit is on the concrete list
    unknown = check("Demonstrate its commitment to human rights", mechanism="UPR")
    assert not verdict(unknown, "concrete_action").passed
    assert 'Verb "Demonstrate" is not one of the recognised action verbs' in verdict(unknown, "concrete_action").reason


def test_apply_is_a_verb_not_an_adverb():
    report = check("Apply a moratorium on the death penalty with a view to abolishing it", mechanism="UPR")
    assert verdict(report, "concrete_action").passed and verdict(report, "concrete_action").evidence == "Apply"


# Rights-holders --------------------------------------------------------------------------


def test_rights_holders_are_listed_as_written():
    report = check("Raise the minimum age of marriage to 18 years for both girls and boys", mechanism="UPR")
    holders = verdict(report, "rights_holders")
    assert holders.passed and holders.evidence == "girls, boys"
    assert "girls, boys" in holders.reason


def test_groups_inside_a_treaty_title_do_not_count():
    report = check("Ratify the Convention on the Rights of Persons with Disabilities", mechanism="UPR")
    holders = verdict(report, "rights_holders")
    assert not holders.passed
    assert "treaty" in holders.reason


def test_no_rights_holders():
    report = check("Establish a national human rights institution in accordance with the Paris Principles")
    assert not verdict(report, "rights_holders").passed
    assert verdict(report, "rights_holders").reason == "No group of rights-holders named"


# Measurable ------------------------------------------------------------------------------


def test_data_indicators_and_budgets_are_measurable():
    report = check(
        "Collect data disaggregated by sex, age and disability on violence against women and establish "
        "indicators to monitor progress",
        mechanism="UPR",
    )
    assert verdict(report, "measurable").passed
    assert "indicators" in verdict(report, "measurable").evidence
    budget = check("Allocate sufficient financial resources to the Ombudsman", mechanism="UPR")
    assert verdict(budget, "measurable").passed


def test_numbers_count_but_references_and_years_do_not():
    age = check("Raise the minimum age of marriage to 18 years", mechanism="UPR")
    assert verdict(age, "measurable").passed and verdict(age, "measurable").evidence == "18"
    references = check(
        "Implement Security Council resolution 1325 (2000) and article 14 (3) of the Covenant adopted in 1966",
        mechanism="UPR",
    )
    assert not verdict(references, "measurable").passed
    assert verdict(references, "measurable").reason == "No number, indicator, target, budget or data collection found"


def test_percentages():
    report = check("Increase the budget allocated to health from 1 per cent of GDP to 2 per cent", mechanism="UPR")
    assert '"1 per cent"' in verdict(report, "measurable").reason


# Time-bound ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, when",
    [
        ("Adopt a comprehensive anti-discrimination law by 2025", "by 2025"),
        ("Submit its overdue reports to the treaty bodies within one year", "within one year"),
        ("Adopt the draft law on domestic violence before the next review", "before the next review"),
        (
            "Adopt and implement, by the end of 2014, a law prohibiting all forms of violence against children",
            "by the end of 2014",
        ),
    ],
)
def test_deadlines(text, when):
    report = check(text, mechanism="UPR")
    assert verdict(report, "time_bound").passed
    assert verdict(report, "time_bound").reason == f'Deadline or time frame: "{when}"'


def test_urgency_alone_is_not_a_deadline():
    report = check(
        "Release without delay all persons detained for exercising their right to peaceful assembly", mechanism="UPR"
    )
    time_bound = verdict(report, "time_bound")
    assert not time_bound.passed and time_bound.evidence == "without delay"
    assert "urgency" in time_bound.reason


def test_a_past_date_in_a_description_is_not_a_deadline():
    report = check(
        "The State party should ensure that all violations that occurred during the transition period, "
        "which lasted until 2003, are duly investigated",
        mechanism="CCPR",
    )
    assert not verdict(report, "time_bound").passed
    assert verdict(report, "time_bound").reason == "No deadline, date or time frame found"


# Addressee -------------------------------------------------------------------------------


def test_upr_imperative_is_addressed_to_the_state_under_review():
    report = check(
        "Ensure that the Parliament adopts the draft law on domestic violence", state_name="Slovenia", mechanism="UPR"
    )
    addressee = verdict(report, "addressee")
    assert addressee.passed
    assert "State under review (Slovenia)" in addressee.reason and "Parliament" in addressee.reason


def test_state_party_should():
    addressee = verdict(check(CCPR_BGR, state_name="Bulgaria", mechanism="CCPR"), "addressee")
    assert addressee.passed and addressee.reason.startswith('Addressed to Bulgaria ("The State party")')


@pytest.mark.parametrize(
    "text",
    [
        "Call upon the international community to provide technical assistance to Haiti",
        "The international community should provide financial support to the country",
        "That the international community redouble its cooperation with Nicaragua",
    ],
)
def test_recommendations_directed_at_others_fail(text):
    report = check(text, mechanism="UPR")
    addressee = verdict(report, "addressee")
    assert not addressee.passed and addressee.evidence == "international community"
    assert "not the State" in addressee.reason
    assert report.category == 1


def test_sharing_with_the_international_community_is_still_the_states_action():
    report = check("Share its experience and best practices with the international community", mechanism="UPR")
    assert verdict(report, "addressee").passed
    assert report.category == 1 and not verdict(report, "concrete_action").passed


def test_no_operative_verb():
    report = check("A participatory process with civil society.", mechanism="CCPR")
    assert not verdict(report, "addressee").passed and not verdict(report, "concrete_action").passed


# French and Spanish ----------------------------------------------------------------------


def test_french_consider():
    report = check(
        "Envisager de ratifier la Convention internationale sur la protection des droits de tous les "
        "travailleurs migrants et des membres de leur famille",
        "fr",
        mechanism="UPR",
    )
    assert not verdict(report, "concrete_action").passed and report.category == 3
    assert "ratifier" in verdict(report, "concrete_action").reason
    assert not verdict(report, "rights_holders").passed  # "travailleurs migrants" is the treaty's title


def test_french_state_party_should_with_urgency_and_budget():
    report = check(
        "L'État partie devrait adopter sans délai une loi globale contre la discrimination et allouer des "
        "ressources suffisantes au Défenseur des droits.",
        "fr",
        mechanism="CCPR",
    )
    assert verdict(report, "concrete_action").passed and verdict(report, "concrete_action").evidence == "adopter"
    assert not verdict(report, "time_bound").passed and verdict(report, "time_bound").evidence == "sans délai"
    assert verdict(report, "measurable").passed
    assert "Défenseur des droits" in verdict(report, "addressee").reason


def test_french_poursuivre_means_continue_or_prosecute():
    go_on = check("Poursuivre ses efforts pour améliorer la situation des femmes", "fr", mechanism="UPR")
    assert not verdict(go_on, "concrete_action").passed and go_on.category == 2
    assert verdict(go_on, "rights_holders").evidence == "femmes"
    prosecute = check(
        "Poursuivre en justice les auteurs de violences contre les femmes d'ici à 2025", "fr", mechanism="UPR"
    )
    assert verdict(prosecute, "concrete_action").passed and prosecute.category == 5
    assert verdict(prosecute, "time_bound").evidence == "d'ici à 2025"


def test_spanish_upr_recommendations():
    consider = check(
        "Considerar la posibilidad de ratificar el Protocolo Facultativo de la Convención contra la Tortura (Chile);",
        "es",
        mechanism="UPR",
    )
    assert not verdict(consider, "concrete_action").passed and consider.category == 3
    go_on = check(
        "Seguir adoptando medidas para combatir la violencia contra las mujeres y las niñas (Perú);",
        "es",
        mechanism="UPR",
    )
    assert go_on.category == 2 and verdict(go_on, "rights_holders").evidence == "mujeres, niñas"
    law = check(
        "Adoptar una ley integral contra la trata de personas antes del próximo examen, con indicadores y presupuesto",
        "es",
        mechanism="UPR",
    )
    assert [v.passed for v in law.verdicts] == [True, False, True, True, True]
    assert verdict(law, "time_bound").evidence == "antes del próximo examen"


def test_spanish_committee_paragraph_with_lettered_parts():
    report = check(
        "El Comité recomienda al Estado parte que: a) Adopte un plan nacional de acción contra la tortura; "
        "b) Vele por que se investiguen todos los casos de tortura",
        "es",
        mechanism="CCPR",
    )
    action = verdict(report, "concrete_action")
    assert action.passed and action.evidence == "Adopte" and "2 of 2 parts" in action.reason
    assert verdict(report, "addressee").passed


# Languages, report shape ------------------------------------------------------------------


def test_other_languages_are_honestly_not_covered():
    report = check("Ратифицировать Конвенцию против пыток", "ru")
    assert report.score == 0 and report.category is None
    assert all(not v.passed and "not covered" in v.reason and '"ru"' in v.reason for v in report.verdicts)


def test_report_shape_and_export_record():
    report = check("Raise the minimum age of marriage to 18 years for both girls and boys by 2015", mechanism="UPR")
    assert [v.key for v in report.verdicts] == list(KEYS)
    assert [v.label for v in report.verdicts] == [
        "Concrete action",
        "Rights-holders named",
        "Measurable",
        "Time-bound",
        "Addressee clear",
    ]
    assert report.score == 5 == sum(v.passed for v in report.verdicts)
    record = report.as_dict()
    assert record["time_bound"] is True and record["time_bound_reason"] == 'Deadline or time frame: "by 2015"'
    assert record["score"] == 5 and record["estimated_action_category"] == 5
    assert set(record) == {
        *KEYS,
        *(f"{k}_reason" for k in KEYS),
        "score",
        "estimated_action_category",
        "estimated_action_category_reason",
    }


def test_every_verdict_has_a_reason():
    for text in ("", "Ratify CEDAW", CCPR_BGR, CCPR_UZB, "Continue to cooperate with the United Nations"):
        assert all(v.reason for v in check(text).verdicts)
