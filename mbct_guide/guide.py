"""The validated guidance, indexed for the renderers. Built only by the loader."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import models as m


def _by_id(records: Iterable[Any], key: str = "id") -> dict[str, Any]:
    return {getattr(record, key): record for record in records}


def _in_vocabulary_order(records: Iterable[Any], ids: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(sorted(records, key=lambda record: ids.index(record.id)))


@dataclass(frozen=True)
class Guide:
    stages: tuple[m.Stage, ...]
    themes: tuple[m.Theme, ...]
    roles: tuple[m.Role, ...]
    framework_elements: tuple[m.FrameworkElement, ...]
    framework_concepts: tuple[m.FrameworkConcept, ...]
    sources: tuple[m.Source, ...]
    glossary: tuple[m.GlossaryTerm, ...]
    assessment: tuple[m.AssessmentStatement, ...]
    calculator: tuple[m.CalculatorInput, ...]
    urgent_help: tuple[m.UrgentHelp, ...]
    reviews: tuple[m.PageReview, ...]
    clinical_reviews: tuple[m.ClinicalReview, ...]
    changelog: tuple[m.ChangelogEntry, ...]
    actions: tuple[m.Action, ...]
    pivot_points: tuple[m.PivotPoint, ...]
    stories: tuple[m.Story, ...]
    templates: tuple[m.Template, ...]
    topics: tuple[m.Topic, ...] = ()
    search_synonyms: tuple[m.SearchSynonym, ...] = ()

    @classmethod
    def from_records(cls, records: dict[str, list[Any]]) -> Guide:
        stage_index = {stage: i for i, stage in enumerate(m.STAGE_IDS)}
        theme_index = {theme: i for i, theme in enumerate(m.THEME_IDS)}
        actions = sorted(
            records["actions"],
            key=lambda a: (stage_index[a.stage], theme_index[a.theme], a.order, a.id),
        )
        return cls(
            stages=_in_vocabulary_order(records["stages"], m.STAGE_IDS),
            themes=_in_vocabulary_order(records["themes"], m.THEME_IDS),
            roles=_in_vocabulary_order(records["roles"], m.ROLE_IDS),
            framework_elements=_in_vocabulary_order(records["framework_elements"], m.TOP_ELEMENT_IDS),
            framework_concepts=tuple(records["framework_concepts"]),
            sources=tuple(sorted(records["sources"], key=lambda s: s.citation.lower())),
            glossary=tuple(sorted(records["glossary"], key=lambda g: g.term.lower())),
            assessment=tuple(sorted(records["assessment"], key=lambda s: (theme_index[s.theme], stage_index[s.stage]))),
            calculator=_in_vocabulary_order(records["calculator"], m.CALCULATOR_INPUT_IDS),
            # In file order: the file lists the most urgent first.
            urgent_help=tuple(records.get("urgent_help", ())),
            reviews=tuple(records["reviews"]),
            clinical_reviews=tuple(records.get("clinical_reviews", ())),
            changelog=tuple(sorted(records["changelog"], key=lambda c: c.date, reverse=True)),
            actions=tuple(actions),
            pivot_points=tuple(sorted(records["pivot_points"], key=lambda p: p.title.lower())),
            stories=tuple(sorted(records["stories"], key=lambda s: (s.order, s.title.lower()))),
            templates=tuple(sorted(records["templates"], key=lambda t: (t.order, t.title.lower()))),
            topics=_in_vocabulary_order(records.get("topics", ()), m.TOPIC_IDS),
            search_synonyms=tuple(records.get("search_synonyms", ())),
        )

    # --- look-ups ---------------------------------------------------------------------

    def __post_init__(self) -> None:
        # A frozen dataclass still lets us cache derived indexes once, here.
        indexes = {
            "_stage": _by_id(self.stages),
            "_theme": _by_id(self.themes),
            "_topic": _by_id(self.topics),
            "_role": _by_id(self.roles),
            "_source": _by_id(self.sources),
            "_action": _by_id(self.actions),
            "_pivot": _by_id(self.pivot_points),
            "_story": _by_id(self.stories),
            "_template": _by_id(self.templates),
            "_glossary": _by_id(self.glossary),
            "_review": _by_id(self.reviews, "page"),
            "_clinical_review": _by_id(self.clinical_reviews, "page"),
            "_element": {
                **_by_id(self.framework_elements),
                **{sub.id: sub for e in self.framework_elements for sub in e.sub_elements},
            },
        }
        for name, index in indexes.items():
            object.__setattr__(self, name, index)
        object.__setattr__(self, "_record_ids", {})
        object.__setattr__(self, "_actions_where", {})

    def record_ids(self, records: str) -> frozenset[str]:
        """The ids of one collection ('actions', 'stories'...; 'elements' includes the
        sub-elements), worked out once: every page's links check their targets against them."""
        if records not in self._record_ids:
            if records == "elements":
                ids = frozenset(self._element)
            else:
                ids = frozenset(record.id for record in getattr(self, records))
            self._record_ids[records] = ids
        return self._record_ids[records]

    def stage(self, stage_id: str) -> m.Stage:
        return self._stage[stage_id]

    def theme(self, theme_id: str) -> m.Theme:
        return self._theme[theme_id]

    def topic(self, topic_id: str) -> m.Topic:
        return self._topic[topic_id]

    def role(self, role_id: str) -> m.Role:
        return self._role[role_id]

    def source(self, source_id: str) -> m.Source:
        return self._source[source_id]

    def action(self, action_id: str) -> m.Action:
        return self._action[action_id]

    def pivot_point(self, pivot_id: str) -> m.PivotPoint:
        return self._pivot[pivot_id]

    def story(self, story_id: str) -> m.Story:
        return self._story[story_id]

    def template(self, template_id: str) -> m.Template:
        return self._template[template_id]

    def element(self, element_id: str) -> m.FrameworkElement | m.SubElement:
        return self._element[element_id]

    def review(self, page: str) -> m.PageReview | None:
        return self._review.get(page)

    def clinical_review(self, page: str) -> m.ClinicalReview | None:
        return self._clinical_review.get(page)

    def actions_where(
        self,
        *,
        stage: str | None = None,
        theme: str | None = None,
        role: str | None = None,
        element: str | None = None,
        topic: str | None = None,
    ) -> tuple[m.Action, ...]:
        """Actions in reading order (stage, theme, order) matching every given filter, worked
        out once per filter: every action page lists its neighbours at the stages before and
        after, and scanning every action for each page grew with the square of the actions."""
        key = (stage, theme, role, element, topic)
        if key not in self._actions_where:
            self._actions_where[key] = tuple(
                a
                for a in self.actions
                if (stage is None or a.stage == stage)
                and (theme is None or a.theme == theme)
                and (role is None or role in a.all_roles)
                and (element is None or element in a.elements or element in a.top_elements)
                and (topic is None or topic in a.topics)
            )
        return self._actions_where[key]

    def pivot_points_where(self, *, stage: str | None = None, role: str | None = None) -> tuple[m.PivotPoint, ...]:
        return tuple(
            p for p in self.pivot_points if (stage is None or stage in p.stages) and (role is None or role in p.roles)
        )

    def stories_showing(self, *, stage: str | None = None, role: str | None = None) -> tuple[m.Story, ...]:
        """Stories with a chapter at ``stage`` or that use an action involving ``role``."""
        found = []
        for story in self.stories:
            chapters = [c for c in story.chapters if stage is None or c.stage == stage]
            if role is not None:
                chapters = [c for c in chapters if any(role in self.action(a).all_roles for a in c.actions)]
            if chapters:
                found.append(story)
        return tuple(found)
