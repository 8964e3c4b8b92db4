"""Quote marks and their pairing: which marks open and close, apostrophes left alone, runs into the next paragraph."""

from __future__ import annotations

import pytest

from etl.extract.quotes.marks import quoted_spans

# (id, text, [(quoted text, family, closed)]) — sentences of ../shared/corpus/dev (file named) or written for the test
CASES = [
    ("reuters-02521-double-then-cue", '"They will be more aggressive this year than they have ever been," according to Richard Loewy, analyst for Prudential-Bache Securities Inc.',
     [("They will be more aggressive this year than they have ever been,", "d", True)]),
    ("bbc-business-071-apostrophes", "Japan's long economic downturn helped drive the trend, as drinkers looked for cheaper opportunities.", []),
    ("bbc-politics-081-scare-quotes", 'The decision follows a "tough meeting" where some senior Tories argued vociferously against the move.', [("tough meeting", "d", True)]),
    ("single-marks-outside-doubles", "'We will fight,' Zelenskyy says, in a video from Kyiv's centre.", [("We will fight,", "s", True)]),
    ("curly-pairs", "“At least stop bombing people,” he said, adding that the “list” was long.", [("At least stop bombing people,", "d", True), ("list", "d", True)]),
    ("elisions-are-no-marks", "Ukraine’s army hasn’t moved since the '90s, O'Brien's rock 'n' roll band said nothing.", []),
    # a closing curly mark typed for an opening one: the next double mark closes too
    ("turned-close-opens-paragraph", "” … they are so not like him,” she said in December.", [("… they are so not like him,", "d", True)]),
    ("turned-close-after-cue", "He says,” there are a lot of people who never get listened to.”", [("there are a lot of people who never get listened to.", "d", True)]),
    ("close-then-open-stays", "the end of it,” he said, and “the start.”", [("the start.", "d", True)]),
    # an opening curly mark typed for a closing one at the paragraph's end
    ("turned-open-ends-paragraph", "“I’m the candidate,” he said. “They see that. “", [("I’m the candidate,", "d", True), ("They see that.", "d", True)]),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_pairing(text: str, want: list[tuple[str, str, bool]]) -> None:
    (got,) = quoted_spans(text, [(0, len(text))])
    assert [(text[q.start : q.end], q.family, q.close_end is not None) for q in got] == want
    for q in got:
        assert text[q.open_start] in "\"'“‘”" and q.open_start < q.start


def test_an_open_quotation_runs_on_when_the_next_paragraph_reopens_it() -> None:
    text = "“We are ready,\n\n“and we will win,” he said."
    first, second = quoted_spans(text, [(0, 14), (16, len(text))])
    assert [(text[q.start : q.end], q.close_end) for q in first] == [("We are ready,", None)]
    assert [(text[q.start : q.end], q.close_end) for q in second] == [("and we will win,", 34)]


def test_an_odd_mark_costs_only_its_own_span() -> None:
    text = 'He said "yes" and then "no.'
    (got,) = quoted_spans(text, [(0, len(text))])
    assert [text[q.start : q.end] for q in got] == ["yes"]
