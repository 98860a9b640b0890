from .events import EventIndexPage, EventPage
from .national import NationalCourse
from .pages import (
    CataloguePage,
    CoursePage,
    FourTProgramPage,
    LessonPage,
    ProgramCourse,
    lessons_under,
)
from .taxonomy import SkillArea, TargetGroup

__all__ = [
    "CataloguePage",
    "CoursePage",
    "EventIndexPage",
    "EventPage",
    "FourTProgramPage",
    "LessonPage",
    "NationalCourse",
    "ProgramCourse",
    "SkillArea",
    "TargetGroup",
    "lessons_under",
]
