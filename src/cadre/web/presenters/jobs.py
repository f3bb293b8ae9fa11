"""A job as its page shows it: the status, and the message and the error in the reader's
language where their codes have words (`web/job_words.py`, `web/messages.py`), else in the
English they were reported in, marked as English so a reader's tools read it as such."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from cadre.services.jobs.operations import JobView
from cadre.web import i18n
from cadre.web.messages import words_for
from cadre.web.record_name import LATIN_WORD, latin_words
from cadre.web.terms import term


@dataclass(frozen=True)
class Said:
    text: str
    english: bool  # only the English sentence is known: the page marks it lang="en"

    def markup(self) -> Markup:
        if self.english:
            return Markup('<bdi lang="en" dir="ltr">%s</bdi>') % self.text
        return Markup("<bdi>%s</bdi>") % latin_words(self.text)

    def parts(self) -> list[tuple[str, bool]]:
        """The sentence as the script writes it: pieces, each with whether it is in Latin
        letters inside a sentence of another language (marked English, as `latin_words`)."""
        if self.english or i18n.current.get().code == i18n.DEFAULT:
            return [(self.text, self.english)]
        found, end = [], 0
        for word in LATIN_WORD.finditer(self.text):
            found += [(self.text[end : word.start()], False), (word.group(), True)]
            end = word.end()
        return [p for p in [*found, (self.text[end:], False)] if p[0]]


@dataclass(frozen=True)
class JobWords:
    status: str
    message: Said
    error: Said | None

    def document(self, job: JobView) -> dict[str, Any]:
        """What the page's script reads while it follows the job."""
        return {
            "status": job.status,
            "status_text": self.status,
            "progress": job.progress,
            "plan_number": job.plan_number,
            "message": self.message.parts(),
            "error": self.error.parts() if self.error else None,
        }


def said(code: str | None, params: dict[str, Any] | None, english: str) -> Said:
    words = words_for(code, params)
    return Said(english, True) if words is None else Said(words, False)


def job_words(job: JobView) -> JobWords:
    error = said(job.error_code, job.error_params, job.error) if job.error else None
    return JobWords(
        term(job.status), said(job.message_code, job.message_params, job.message), error
    )
