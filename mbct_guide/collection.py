"""The record types of guidance_data/ and where each lives: the one list every part of the
package (the loader, the schemas, the field reference, the open data) reads."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from . import models as m


@dataclass(frozen=True)
class Collection:
    """One record type and where it lives: a list in one file, or one record per file."""

    name: str
    model: type[BaseModel]
    path: str  # "stages.yml" (a list) or "actions" (a folder of <id>.yml files)
    noun: str  # how an editor would name one record
    key: str = "id"

    @property
    def one_per_file(self) -> bool:
        return not self.path.endswith(".yml")


COLLECTIONS: tuple[Collection, ...] = (
    Collection("stages", m.Stage, "stages.yml", "stage"),
    Collection("themes", m.Theme, "themes.yml", "theme"),
    Collection("topics", m.Topic, "topics.yml", "topic"),
    Collection("search_synonyms", m.SearchSynonym, "search_synonyms.yml", "search synonym", key="word"),
    Collection("roles", m.Role, "roles.yml", "role"),
    Collection("framework_elements", m.FrameworkElement, "framework_elements.yml", "framework element"),
    Collection("framework_concepts", m.FrameworkConcept, "framework_concepts.yml", "framework concept"),
    Collection("sources", m.Source, "sources.yml", "source"),
    Collection("glossary", m.GlossaryTerm, "glossary.yml", "glossary term"),
    Collection("assessment", m.AssessmentStatement, "assessment.yml", "self-assessment statement"),
    Collection("calculator", m.CalculatorInput, "calculator.yml", "calculator input"),
    Collection("urgent_help", m.UrgentHelp, "urgent_help.yml", "urgent help record"),
    Collection("reviews", m.PageReview, "reviews.yml", "page review", key="page"),
    Collection("clinical_reviews", m.ClinicalReview, "clinical_reviews.yml", "clinical review", key="page"),
    Collection("changelog", m.ChangelogEntry, "changelog.yml", "changelog entry", key="version"),
    Collection("actions", m.Action, "actions", "action"),
    Collection("pivot_points", m.PivotPoint, "pivot_points", "pivot point"),
    Collection("stories", m.Story, "stories", "story"),
    Collection("templates", m.Template, "templates", "template"),
)
COLLECTIONS_BY_NAME = {c.name: c for c in COLLECTIONS}
