from rightstrack.search import analysis


def test_stems_fold_accents_and_case():
    assert analysis.index_terms("Registering births", "en") == analysis.index_terms("registered birth", "en")
    assert analysis.index_terms("Sécurité SOCIALE", "fr") == analysis.index_terms("securite sociale", "fr")


def test_stem_follows_language_and_script():
    assert analysis.index_terms("enfants", "fr") == ["enfant"]
    assert analysis.index_terms("niños", "es") == analysis.index_terms("ninos", "es")
    assert analysis.index_terms("детей", "en") == analysis.index_terms("детей", "ru")  # Cyrillic: Russian stemmer
    assert analysis.index_terms("الأطفال", "ar") != ["الأطفال"]  # the Arabic stemmer strips the article


def test_chinese_runs_become_overlapping_bigrams():
    assert analysis.index_terms("禁止体罚儿童", "zh") == ["禁止", "止体", "体罚", "罚儿", "儿童"]
    assert analysis.index_terms("CRC的建议", "zh") == ["crc", "的建", "建议"]


def test_query_variants_cover_the_latin_languages():
    variants = analysis.query_variants("discrimination")
    assert "discrimin" in variants


def test_highlight_spans_find_inflected_words():
    text = "Registering all births; registered births are free."
    wanted = set(analysis.index_terms("register birth", "en"))
    spans = analysis.highlight_spans(text, "en", wanted, ())
    assert [text[a:b] for a, b in spans] == ["Registering", "births", "registered", "births"]


def test_words_are_split_at_underscores_as_sqlite_s_engine_does():
    # "_ratify" once matched "Ratify" on SQLite (its tokenizer splits there) and nothing
    # on PostgreSQL (which takes the terms as they are): found by the search fuzz.
    assert analysis.index_terms("data_protection _ratify") == ["data", "protect", "ratifi"]
