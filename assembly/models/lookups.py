"""`field__filled=True`: the database's spelling of assembly.languages.is_filled().

The text must hold something besides whitespace (the characters str.strip() strips). The
condition is two terms, `field > ''` and the trim, with every value in the SQL itself: the
partial indexes such as news_public_kk_idx hold the same condition, and SQLite plans a query
before it sees its parameters, so only a literal lets it tell that the query asks for what
the index holds. With it, a count or a month list reads the index alone; with a parameter it
read every long body (news list count at 10,000 items: 39 ms, with the index 1 ms).
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
        # WHITESPACE holds no quote and no %: safe as a literal.
        sql = f"({lhs} > '' AND {trim}({lhs}, '{WHITESPACE}') <> '')"
        return sql, (*params, *params)

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, trim="BTRIM")


CharField.register_lookup(Filled)
TextField.register_lookup(Filled)
