"""Keep the anonymous page cache honest: what editors change shows at once."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.models import NationalCourse, ProgramCourse, SkillArea, TargetGroup

from .cache import bump_generation
from .models import NewsCategory, NewsPage, SiteIdentity
from .templatetags.cms_tags import bump_permissions_generation

# Models that pages show besides the pages themselves.
SHOWN_ON_PAGES = (
    NationalCourse,
    TargetGroup,
    SkillArea,
    ProgramCourse,
    SiteIdentity,
    Site,
    NewsCategory,
)
# Models that decide who may see a page (the route cache remembers whether any applies).
GUARDING_PAGES = (PageViewRestriction,)


def invalidate(**kwargs):
    # Now, so this request and tests see the change; and again after commit,
    # in case another request cached the old content in between.
    bump_generation()
    transaction.on_commit(bump_generation)


def invalidate_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate()


def register_signal_handlers():
    page_published.connect(invalidate, dispatch_uid="pagecache_published")
    page_unpublished.connect(invalidate, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(invalidate, dispatch_uid="pagecache_moved")
    post_delete.connect(invalidate_on_page_delete, dispatch_uid="pagecache_page_deleted")
    for model in (*SHOWN_ON_PAGES, *GUARDING_PAGES):
        uid = f"pagecache_{model._meta.label_lower}"
        post_save.connect(invalidate, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"{uid}_deleted")
    for through in (
        NationalCourse.target_groups.through,
        NationalCourse.skill_areas.through,
        NewsPage.categories.through,
        PageViewRestriction.groups.through,
    ):
        m2m_changed.connect(
            invalidate, sender=through, dispatch_uid=f"pagecache_{through.__name__}"
        )

    # Who may open the admin (and so sees the user bar on pages).
    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            bump_permissions_generation,
            sender=through,
            dispatch_uid=f"permissions_{through._meta.label_lower}",
        )
    for model in (Group, Permission):
        post_delete.connect(
            bump_permissions_generation,
            sender=model,
            dispatch_uid=f"permissions_{model._meta.label_lower}_deleted",
        )
