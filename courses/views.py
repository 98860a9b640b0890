from django.shortcuts import get_object_or_404, redirect

from .models import NationalCourse


def national_course_go(request, pk: int):
    """Send a learner to a national course. Only ever redirects to the URL an
    editor catalogued (validated against the host allow-list), never to one
    taken from the request, so it cannot become an open redirect."""
    course = get_object_or_404(NationalCourse.objects.active(), pk=pk)
    response = redirect(course.url)
    response["Cache-Control"] = "no-store"
    return response
