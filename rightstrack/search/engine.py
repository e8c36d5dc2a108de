"""The database's own full-text engine: FTS5 on SQLite, tsvector/GIN on PostgreSQL.

Both index ``SearchEntry.body`` (terms made by ``analysis``) and answer a parsed query
with every matching recommendation id and a relevance score (higher is better): BM25 on
SQLite, ``ts_rank`` on PostgreSQL. The DDL is run by the search app's migration.
"""

from __future__ import annotations

import itertools

import numpy as np
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.db.models.expressions import RawSQL

from rightstrack.search import query as q

SQLITE_DDL = [
    # External content: the text lives once, in search_searchentry; triggers keep FTS in step.
    "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_searchentry', "
    "content_rowid='recommendation_id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, body) VALUES (new.recommendation_id, new.body); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.recommendation_id, old.body); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.recommendation_id, old.body); "
    "INSERT INTO search_fts(rowid, body) VALUES (new.recommendation_id, new.body); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_DDL = [
    # The body's terms are taken verbatim as lexemes with their positions: no parser or
    # locale of the server changes them, so PostgreSQL matches exactly what SQLite does.
    "CREATE OR REPLACE FUNCTION rightstrack_tsvector(body text) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
    "SELECT COALESCE(string_agg(quote_literal(t) || ':' || LEAST(n, 16383), ' ')::tsvector, ''::tsvector) "
    "FROM unnest(string_to_array(body, ' ')) WITH ORDINALITY AS u(t, n) WHERE t <> '' $$",
    "ALTER TABLE search_searchentry ADD COLUMN tsv tsvector GENERATED ALWAYS AS (rightstrack_tsvector(body)) STORED",
    "CREATE INDEX search_searchentry_tsv ON search_searchentry USING GIN (tsv)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_searchentry_tsv",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv",
    "DROP FUNCTION IF EXISTS rightstrack_tsvector(text)",
]


def create_index(schema_editor) -> None:
    """Create the engine's index over search_searchentry (called by the migration)."""
    statements = {"sqlite": SQLITE_DDL, "postgresql": POSTGRES_DDL}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop_index(schema_editor) -> None:
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def compile_query(node) -> str:
    """The parsed query in the current database's syntax."""
    writer = q.TsqueryWriter() if connection.vendor == "postgresql" else q.FTS5Writer()
    return writer.write(node)


def match(node) -> tuple[np.ndarray, np.ndarray]:
    """Ids of every recommendation matching the query and their scores, best first."""
    text = compile_query(node)
    # No ORDER BY: sorting tens of thousands of matches in numpy costs a fraction of
    # what the engine's own sort does (SQLite computes bm25 again for ORDER BY rank).
    if connection.vendor == "postgresql":
        sql = (
            "SELECT recommendation_id, ts_rank(tsv, query) FROM search_searchentry, "
            "CAST(%s AS tsquery) AS query WHERE tsv @@ query"
        )
    else:
        sql = "SELECT rowid, bm25(search_fts) FROM search_fts WHERE search_fts MATCH %s"
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, [text])
            rows = cursor.fetchall()
    except DatabaseError as exc:  # an engine limit the parser did not foresee
        raise q.QueryError(f"the search text could not be run: {exc}") from exc
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.float64, count=2 * len(rows)).reshape(-1, 2)
    ids = flat[:, 0].astype(np.int64)
    # bm25() is lower for better matches; negate it so that higher is better everywhere.
    scores = (flat[:, 1] if connection.vendor == "postgresql" else -flat[:, 1]).astype(np.float32)
    order = np.lexsort((ids, -scores))  # best first, ties by id
    return ids[order], scores[order]


def matching_ids_sql(text: str) -> RawSQL:
    """A subquery of the ids matching the search text (the FilterSet's ``q``)."""
    node = q.parse(text)
    if node is None:
        return RawSQL("SELECT id FROM recommendations_recommendation", [])
    if connection.vendor == "postgresql":
        return RawSQL(
            "SELECT recommendation_id FROM search_searchentry WHERE tsv @@ CAST(%s AS tsquery)", [compile_query(node)]
        )
    return RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [compile_query(node)])


def check_text(text: str) -> None:
    """Raise ValidationError with the reason when the search text cannot be run."""
    try:
        q.parse(text)
    except q.QueryError as exc:
        raise ValidationError(str(exc)) from exc
