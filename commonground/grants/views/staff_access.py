"""Who opens the grants staff pages: a decorator for pages several grants roles share."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from commonground.core.access import scope_for
from commonground.core.roles import Permission

RUNS_OR_DECIDES = (Permission.MANAGE_GRANTS, Permission.DECIDE_GRANTS)
ANY_GRANTS_ROLE = (*RUNS_OR_DECIDES, Permission.ASSESS_GRANT_APPLICATIONS)


def grants_view(*permissions: Permission):
    """Signed in, and holding one of `permissions`; otherwise 403."""

    def decorate(view):
        @login_required
        def wrapped(request, *args, **kwargs):
            scope = scope_for(request.user)
            if not any(scope.can(p) for p in permissions):
                raise PermissionDenied("Only the community grants team may open this page.")
            return view(request, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorate
