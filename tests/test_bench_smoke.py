"""Keep the benchmark code from rotting: run its accuracy part and its builders on a little data. No timings."""

from __future__ import annotations

import math

from bench import accuracy, coldstart, synthetic
from bench.baselines import Match, SentenceRetrieval, baselines, choose_cutoff
from bench.report import Table, percentile
from bot.core.engine import AnswerEngine
from bot.core.evaluation import load_questions, tally
from bot.core.loader import load_knowledge
from tests.helpers import SHIPPED

KNOWLEDGE = load_knowledge(SHIPPED)


def test_accuracy_part_runs_on_a_few_questions() -> None:
    questions = [item for item in load_questions() if item.split == "dev"][:10]
    questions += [item for item in load_questions() if item.split == "heldout"][:10]
    results = accuracy.evaluate(KNOWLEDGE, questions, baselines(KNOWLEDGE))
    assert results[0].name == accuracy.OURS
    assert results[0].cutoff is None
    assert len(results) >= 3  # ours, WRatio, sentences (+ BM25 with the bench extra)
    for result in results:
        assert set(result.by_subset) == set(accuracy.SUBSETS)
        for measured in result.by_subset.values():
            assert 0.0 <= measured.answer_rate <= 1.0
            assert 0.0 <= measured.abstain_rate <= 1.0
    text = accuracy.table(results).text()
    assert "held out, novel only" in text
    assert "A: WRatio" in text


def test_every_article_sentence_maps_to_entries_and_every_entry_has_a_sentence() -> None:
    baseline = SentenceRetrieval(KNOWLEDGE)
    assert len(baseline.sentences) > 10
    assert set().union(*baseline.owners) == set(KNOWLEDGE.entries)


def test_cutoff_balances_answering_and_abstaining() -> None:
    questions = [item for item in load_questions() if item.split == "dev"][:20]
    # A perfect scorer: high for the right entry, low for the rest; the chosen cut-off separates them.
    matches = [Match(item.expect, 90.0) if item.answerable else Match(frozenset({"x"}), 10.0) for item in questions]
    cutoff = choose_cutoff(matches, questions)
    assert 10.0 < cutoff <= 90.0
    measured = tally([m.owners if m.score >= cutoff else None for m in matches], questions)
    assert measured.answer_rate == measured.abstain_rate == 1.0


def test_synthetic_knowledge_builds_and_answers() -> None:
    data = synthetic.build(40)
    assert len(data.knowledge.data.entries) == 40
    for entry in data.knowledge.data.entries:
        assert all(evidence.quote in data.knowledge.article for evidence in entry.evidence)
    engine = AnswerEngine(data.knowledge)
    asked = synthetic.questions(data, 10)
    assert sum(item.expect is None for item in asked) == 5
    for item in asked:
        engine.ask(item.text)


def test_tables_render_as_text_and_markdown() -> None:
    table = Table("t", ["name", "value"])
    table.add("a", "1.5 ms")
    table.add("bb", "12.0%")
    assert table.text().splitlines()[-1] == "bb     12.0%"
    assert "|---|---:|" in table.markdown()
    assert percentile([5, 1, 3, 2, 4], 0.5) == 3
    assert percentile(list(range(1, 101)), 0.99) == 99
    assert math.isnan(percentile([], 0.5))


def test_cold_start_part_runs_once() -> None:
    result = coldstart.measure(runs=1)
    assert len(result.storybot) == len(result.first_start) == len(result.bare) == 1
    text = coldstart.table(result).text()
    assert "first start (empty cache)" in text


def test_every_split_of_the_question_set_is_benchmarked_as_tuning_or_held_out() -> None:
    splits = {item.split for item in load_questions()}
    assert set(accuracy.SPLITS) == splits
    assert splits == accuracy.TUNING | accuracy.HELD_OUT and not accuracy.TUNING & accuracy.HELD_OUT
