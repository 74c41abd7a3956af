"""Retrieval and ranking: which passages and which cookie rows (by what they do) answer a reading.

`Evidence` is made once per question: it ranks lazily and keeps what it ranked, so the intent rules and the
composers ask for the best passage or the best rows as often as they like at the cost of one ranking.
"""
from __future__ import annotations

import math

from ..knowledge import Cookie
from ..language.text import fold
from . import tuning
from .index import Index, Passage
from .lexicon import CONCEPT
from .reading import Reading


class Evidence:
    """What the knowledge base offers for one reading: the best passages, the rows whose purpose fits."""

    def __init__(self, index: Index, reading: Reading):
        self.index = index
        self.reading = reading
        self._purpose: tuple[list[Cookie], float] | None = None
        self.purpose_matched = 0            # how many of its terms the best row matched
        self.purpose_margin = 0.0           # the best row's score over the best other name's
        self.passage_scores: list[tuple[float, float, Passage]] = []

    def for_reading(self, reading: Reading) -> "Evidence":
        """Evidence for a derived reading (other terms or hits): rankings start afresh."""
        return Evidence(self.index, reading)

    # -- passages ----------------------------------------------------------------------------------
    def best_passage(self, mentioning: str | None = None, within=None) -> tuple[Passage | None, float, float]:
        """The passage that covers most of the question, with its coverage and its title's coverage.

        The score is the IDF-weighted share of the question's terms the passage holds (its title counts more,
        a section's title speaks for its opening paragraph first), plus BM25's term-frequency saturation, which
        rewards passages that use the terms often for their length; a later paragraph ranks a little lower.
        `mentioning` keeps passages that name it; `within` keeps one section's passages.
        """
        index, reading = self.index, self.reading
        weight = {t: index.idf_of(t) for t in reading.terms}
        if not weight:
            return None, 0.0, 0.0
        unknown = [t for t in weight if t not in index.idf]
        if len(weight) >= tuning.LONG_QUESTION_TERMS and len(unknown) < len(weight):
            # in a long question, words the policy never uses are context ("my customer in Brazil uses
            # Safari…"): they weigh like an ordinary word and lower the confidence, they do not veto the answer
            ordinary = sum(w for t, w in weight.items() if t not in unknown) / (len(weight) - len(unknown))
            for term in unknown:
                weight[term] = ordinary * tuning.UNKNOWN_WORD_WEIGHT
        terms, total = list(weight), sum(weight.values())
        browsers = [fold(b) for b in reading.browsers]
        best, best_score, best_coverage, best_title = None, 0.0, 0.0, 0.0
        self.passage_scores = scores = []
        passages, postings = index.passages, index.passages_with
        candidates = sorted({i for t in terms for i in postings.get(t, ())})
        if reading.documents:                   # "in the app": that document's passages, when it has any
            chosen = [i for i in candidates if passages[i].section.document in reading.documents]
            candidates = chosen or candidates
        if browsers:
            naming = frozenset().union(*(index.passages_naming(b) for b in browsers))
            candidates = [i for i in candidates if i in naming]
        if mentioning:
            naming = index.passages_naming(mentioning)
            candidates = [i for i in candidates if i in naming]
        title_weight, precision_weight, later_title = (tuning.TITLE_WEIGHT, tuning.TITLE_PRECISION_WEIGHT,
                                                       tuning.TITLE_LATER_PARAGRAPH)
        bm25_weight, position_penalty = tuning.BM25_WEIGHT, tuning.POSITION_PENALTY
        for number in candidates:
            passage = passages[number]
            if within is not None and passage.section is not within:
                continue
            all_terms, title_terms, saturation = passage.all_terms, passage.title_terms, passage.saturation
            covered = titled = bm25 = 0.0
            matched = in_title = 0
            for term in terms:                  # one pass: coverage, the title's share, term saturation
                if term in all_terms:
                    matched += 1
                    covered += weight[term]
                    bm25 += saturation.get(term, 0.0)
                    if term in title_terms:
                        in_title += 1
                        titled += weight[term]
            if not matched:
                continue
            coverage, title, title_part = covered / total, 0.0, 0.0
            if in_title:
                precision = in_title / len(title_terms)     # the share of the title the question names
                title = titled / total * (1.0 if passage.position == 0 else later_title)
                title_part = title_weight * title + precision_weight * precision * title
            score = coverage + title_part + bm25_weight * bm25 - position_penalty * passage.position
            scores.append((score, coverage, passage))
            if score > best_score:
                best, best_score, best_coverage, best_title = passage, score, coverage, title
        return best, best_coverage, best_title

    def second_passage(self, best: Passage, coverage: float) -> Passage | None:
        """Another section's passage that answers the question just as fully, if there is one."""
        if self.reading.browsers or not self.passage_scores:
            return None
        best_score = max(score for score, _, passage in self.passage_scores if passage is best)
        rivals = [(score, passage) for score, cov, passage in self.passage_scores
                  if passage.section is not best.section and cov >= coverage - 1e-9
                  and score >= best_score - tuning.SECOND_PASSAGE_MARGIN]
        return max(rivals, key=lambda r: r[0])[1] if rivals else None

    # -- rows by what they do ----------------------------------------------------------------------
    def rows_by_purpose(self) -> tuple[list[Cookie], float]:
        """The rows whose name and purpose cover most of the question, and that coverage (0-1)."""
        if self._purpose is None:
            self._purpose = self._score_purposes()
        return self._purpose

    def _score_purposes(self) -> tuple[list[Cookie], float]:
        index, reading = self.index, self.reading
        terms = [t for t in dict.fromkeys(reading.terms) if not t.startswith(CONCEPT + "define")]
        if not terms:
            return [], 0.0
        total_rows = max(1, len(index.cookies))
        all_postings = index.purpose_postings
        postings_of = [all_postings.get(t, ()) for t in terms]
        weights = [_row_idf(len(postings), total_rows) for postings in postings_of]
        total = sum(weights)
        scores: dict[int, float] = {}
        matched: dict[int, int] = {}
        too_common = max(tuning.ROW_COMMON_MIN, min(tuning.ROW_COMMON_SHARE * total_rows, tuning.ROW_POSTINGS_LIMIT))
        for postings, weight in zip(postings_of, weights):
            if len(postings) > too_common:
                continue      # a word that many rows use cannot pick out a cookie
            for row in postings:
                scores[row] = scores.get(row, 0.0) + weight
                matched[row] = matched.get(row, 0) + 1
        if reading.sites:                       # "which cookie tracks conversions on www.bimeanalytics.com?"
            on_sites = {row for site in reading.sites for row in index.row_numbers_by_site.get(site, ())}
            scores = {row: score for row, score in scores.items() if row in on_sites}
        if not scores:
            return [], 0.0
        best = max(scores.values())
        rows = [r for r, s in scores.items() if s >= best - 1e-9
                and not index.row_purpose_terms[r].isdisjoint(terms)]     # what it does, not only a piece of its name
        if not rows:
            return [], 0.0
        # Among equals, the row whose own words the question covers most: "video streaming" -> Wistia, not Vimeo.
        focus = {r: matched[r] / max(1, len(index.row_terms[r])) for r in rows}
        sharpest = max(focus.values())
        rows = sorted(r for r in rows if focus[r] >= sharpest - 1e-9)
        self.purpose_matched = matched[rows[0]]
        name = index.cookies[rows[0]].name
        others = [score for r, score in scores.items() if index.cookies[r].name != name]
        self.purpose_margin = best / max(others) if others else float("inf")
        return [index.cookies[r] for r in rows], best / total


def _row_idf(count: int, total: int) -> float:
    return math.log(1 + total / max(1, count))
