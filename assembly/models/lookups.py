"""`field__filled=True`: the database's spelling of assembly.languages.is_filled().

The text must hold something besides whitespace (the characters str.strip() strips). The
condition is written as two terms: `field > ''`, with the '' in the SQL itself, and the trim.
`field__gt=""` would send '' as a query parameter; PostgreSQL sees the value, but SQLite plans
the query before it does, so it could not tell that the query asks for what a partial index
such as news_public_kk_idx (`title_kk > ''`) holds, and would read every long body instead.
"""

from django.db.models import CharField, Lookup, TextField

from assembly.languages import WHITESPACE


class Filled(Lookup):
    lookup_name = "filled"
    prepare_rhs = False

    def as_sql(self, compiler, connection, trim="TRIM"):
        if self.rhs is not True:
            raise ValueError("Use field__filled=True.")
        lhs, params = self.process_lhs(compiler, connection)
        sql = f"({lhs} > '' AND {trim}({lhs}, %s) <> '')"
        return sql, (*params, *params, WHITESPACE)

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, trim="BTRIM")


CharField.register_lookup(Filled)
TextField.register_lookup(Filled)
