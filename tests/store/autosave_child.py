"""Child process for the SIGKILL test: saves answers forever, printing each acknowledged save.

Usage: python autosave_child.py DATABASE_URL RESPONDENT_ID QUESTION_ID...
Each line ``ack QUESTION N`` is printed only after ``save_answer`` returned,
i.e. after the commit; the parent kills this process at a random moment.
"""

from __future__ import annotations

import sys

from scoring.assessment import Answer
from store.answers import save_answer
from store.engine import make_engine


def main() -> None:
    url, respondent_id, *questions = sys.argv[1:]
    engine = make_engine(url)
    versions = dict.fromkeys(questions, 0)
    number = 0
    while True:
        question = questions[number % len(questions)]
        versions[question] = save_answer(
            engine, int(respondent_id), question, Answer(value=number % 6, comment=f"save {number}"), versions[question]
        )
        print(f"ack {question} {number}", flush=True)
        number += 1


if __name__ == "__main__":
    main()
