"""Shared records of the bottom layer: attempts on public pages, counted by the rate limiter."""

from __future__ import annotations

from django.db import models


class PublicAttempt(models.Model):
    """One submission to a page open without an account; the address is kept only as a keyed hash."""

    scope = models.CharField(
        max_length=60
    )  # which page (and which link): "request-intake:3", "questionnaire:7"
    source = models.CharField(max_length=32)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["scope", "at"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.at:%Y-%m-%d %H:%M}"
