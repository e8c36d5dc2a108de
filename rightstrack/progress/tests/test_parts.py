"""A follow-up paragraph's lettered parts, the parts a grade's label names, and the
report's page furniture taken out of a quoted paragraph."""

from rightstrack.progress.parts import clean_text, labels_in, split_parts
from rightstrack.progress.tests.followup_sample import LEAD, PARAGRAPH_8, PART_A, PART_D


def test_parts_are_split_verbatim_with_their_lead_in():
    lead, parts = split_parts(clean_text(PARAGRAPH_8))
    assert lead == LEAD
    assert [label for label, _text in parts] == ["(a)", "(b)", "(c)", "(d)"]
    assert parts[0][1] == PART_A and parts[3][1] == PART_D  # the footnotes after (d) are gone


def test_a_mention_out_of_order_is_not_a_part():
    lead, parts = split_parts("Do this: (a) amend article 2 (c) of the Code; (b) train judges.")
    assert [label for label, _text in parts] == ["(a)", "(b)"] and parts[0][1] == "amend article 2 (c) of the Code;"


def test_roman_parts_and_a_paragraph_without_parts():
    assert [label for label, _ in split_parts("Ensure: (i) one thing; (ii) another.")[1]] == ["(i)", "(ii)"]
    assert split_parts("The State party should act.") == ("The State party should act.", [])
    assert split_parts("Only (a) one part.")[1] == []  # a single "(a)" is a mention, not parts


def test_labels_name_single_parts_lists_and_ranges():
    assert labels_in("(b), (c) and (d)") == ["(b)", "(c)", "(d)"]
    assert labels_in("(a)–(c) and (e)") == ["(a)", "(b)", "(c)", "(e)"]
    assert labels_in("(b)-(d)") == ["(b)", "(c)", "(d)"]
    assert labels_in("(i) and (ii)") == ["(i)", "(ii)"]
    assert labels_in("(ii)–(iv)") == ["(ii)", "(iii)", "(iv)"]
    assert labels_in("") == []


def test_footnotes_inside_a_paragraph_go_and_the_words_after_them_stay():
    text = (
        "persons based on their 4 https://tbinternet.ohchr.org/_layouts/treatybodyexternal/Download.aspx?symbolno= "
        "INT%2fCCPR%2fNGS%2fKOR%2f27078&Lang=en. sexual orientation or gender identity"
    )
    assert clean_text(text) == "persons based on their sexual orientation or gender identity"
    assert (
        clean_text(
            "the migrants; * Adopted by the Committee at its 133rd session (11 October–5 November "
            "2021). (g) Improve the conditions"
        )
        == "the migrants; (g) Improve the conditions"
    )
    assert (
        clean_text("border control officials. 1 CCPR/C/DZA/4. 2 CCPR/C/DZA/Q/4/Add.1.") == "border control officials."
    )
    assert clean_text("the crime. 1 CCPR/CO/75/VNM, para. 7. 051222") == "the crime."
    assert clean_text("Article 14 of the Covenant, 2 years") == "Article 14 of the Covenant, 2 years"
