"""`field__filled=True`: the text is not empty, with the '' written into the SQL itself.

`field__gt=""` sends '' as a query parameter. PostgreSQL sees the value, but SQLite plans
the query before it does, so it cannot tell that the query asks for what a partial index
such as news_public_kk_idx (`title_kk > ''`) holds, and reads every long body instead.
"""

from django.db.models import CharField, Lookup, TextField


class Filled(Lookup):
    lookup_name = "filled"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        if self.rhs is not True:
            raise ValueError("Use field__filled=True.")
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} > ''", params


CharField.register_lookup(Filled)
TextField.register_lookup(Filled)
