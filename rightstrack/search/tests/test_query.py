import pytest

from rightstrack.search import query as q


def fts(text):
    return q.FTS5Writer().write(q.parse(text))


def tsq(text):
    return q.TsqueryWriter().write(q.parse(text))


def test_words_are_anded_and_stemmed():
    # Each word in its English, French and Spanish stems (Spanish leaves these whole).
    assert fts("registering births") == '(("regist" OR "registering") AND ("birth" OR "births"))'
    assert tsq("registering births") == "(('regist' | 'registering') & ('birth' | 'births'))"


def test_phrase_prefix_or_not():
    # One phrase per stemming language (English "hate", French "hat").
    assert fts('"hate speech"') == '("hate speech" OR "hat speech")'
    assert tsq('"hate speech"') == "(('hate' <-> 'speech') | ('hat' <-> 'speech'))"
    assert fts("discrimin*") == '"discrimin"*'
    assert tsq("discrimin*") == "'discrimin':*"
    assert " OR " in fts("roma OR sinti")
    assert fts("torture NOT police") == fts("torture -police")
    assert "NOT" in fts("torture NOT police")
    assert "!" in tsq("torture NOT police")


def test_brackets_group():
    assert fts("(child OR children) AND marriage").startswith("((")


def test_only_exclusions_is_refused():
    with pytest.raises(q.QueryError):
        q.parse("NOT police")
    with pytest.raises(q.QueryError):
        q.parse("-police")


def test_unclosed_bracket_is_refused():
    with pytest.raises(q.QueryError):
        q.parse("(torture OR police")


def test_no_word_is_no_query():
    assert q.parse("  ;; ") is None


def test_chinese_word_is_a_sequence_of_bigrams():
    assert fts("体罚儿童") == '"体罚 罚儿 儿童"'


def test_highlight_terms_skip_exclusions():
    wanted, prefixes = q.highlight_terms(q.parse("torture -police discrim*"))
    assert "tortur" in wanted and "polic" not in wanted and prefixes == ("discrim",)
