"""Fuzzing the table API: any sequence of takes, orders, forces, interventions and looks, with
right, wrong, empty and hostile keys and arguments, is done or refused with one TableError;
the table's game then still replays to the digests it recorded."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fuzzing import FUZZ, keep_going
from hypothesis import given
from hypothesis import strategies as st

from game.core.state import Intervention, Order
from game.table import FACILITATOR, TableError, Tables

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
SEATS = ["vendor", "lawmaker", "regulator", FACILITATOR, "senator", "", "[/x]"]
WORDS = ["lobby", "ship", "hearing", "briefing", "cut_quota", "summit", "rumour", "customs", "block", "x", ""]
texts = st.sampled_from(["", "x", "[/x]", "\x1b]0;t\x07", "a" * 300]) | st.text(max_size=20)
interventions = st.one_of(
    st.builds(Intervention, st.just("inject"), event=st.sampled_from(WORDS), note=texts),
    st.builds(
        Intervention,
        st.just("custom"),
        title=texts,
        text=texts,
        effects=st.lists(st.sampled_from(["tension += 3", "tension /= 0", "(" * 50, "nope = 1", "x"]), max_size=2).map(
            tuple
        ),
    ),
    st.builds(Intervention, st.just("force"), action=st.sampled_from(WORDS), success=st.booleans()),
    st.builds(
        Intervention,
        st.just("set"),
        track=st.sampled_from(["tension", "licence", "nope"]),
        value=st.sampled_from([50, -1, 1e300, float("nan"), "approved", "nope"]),
    ),
    st.builds(Intervention, st.sampled_from(["bribe", ""])),
)


@FUZZ
@given(st.data())
def _tables(data):
    with tempfile.TemporaryDirectory() as tmp:
        tables = Tables(Path(tmp) / "tables.sqlite3")
        table, fkey = tables.open("mini", {"vendor": "human", "lawmaker": "human"}, content_root=MINI, seed=3)
        code = table.code
        keys = {FACILITATOR: fkey}
        for _ in range(data.draw(st.integers(1, 12))):
            seat = data.draw(st.sampled_from(SEATS))
            key = data.draw(
                st.sampled_from([None, "", "AAAA-AAAA-AAAAA", "12345678", fkey.lower(), keys.get(seat) or "x"])
            )
            quarter = data.draw(st.sampled_from([0, 1, 2, 3, 99, -1]))
            what = data.draw(st.sampled_from(["take", "submit", "force", "intervene", "orders", "keys", "look"]))
            try:
                if what == "take":
                    keys[seat] = tables.take(data.draw(st.sampled_from([code, code.lower(), "ZZZ-ZZ", "x"])), seat, key)
                elif what == "submit":
                    actions = tuple(data.draw(st.lists(st.sampled_from(WORDS), max_size=3)))
                    tables.submit(code, seat, key, quarter, Order(seat, actions))
                elif what == "force":
                    tables.force(code, key, quarter)
                elif what == "intervene":
                    tables.intervene(code, key, quarter, data.draw(interventions))
                elif what == "orders":
                    tables.orders(code, key, quarter)
                elif what == "keys":
                    tables.keys(code, key)
                else:
                    tables.reading(code, seat or None)
            except TableError as err:
                assert "\n" not in str(err), str(err)
        look = Tables(tables.path).reading(code, "vendor")  # another process replays it all, digests checked
        assert look.table.code == code


def test_any_sequence_of_table_requests_is_done_or_one_table_error():
    keep_going(_tables)
