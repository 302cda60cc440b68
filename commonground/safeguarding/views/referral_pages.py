"""The decorator of every page addressed by a referral's number (`referrals/<id>/…`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from commonground.core.access import scope_for
from commonground.core.roles import Permission


def referral_page(permission: Permission):
    """Signed in, and holding `permission`; otherwise "not found", as for a referral out of scope.

    A referral's pages answer 404 to everyone who may not work on that referral, whatever the
    reason (no permission, another borough, a panel member who has the panel case view instead),
    so that no answer differs from the one for a referral that does not exist."""

    def decorate(view):
        @login_required
        def wrapped(request, *args, **kwargs):
            if not scope_for(request.user).can(permission):
                raise Http404("Not found")
            return view(request, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorate
