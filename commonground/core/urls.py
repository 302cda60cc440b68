from django.urls import path

from commonground.core.views import access_review, auth, notifications, pages, staff

app_name = "core"

urlpatterns = [
    path("", pages.start, name="start"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("cookies/", pages.cookies, name="cookies"),
    path("language/<str:code>/", pages.language, name="language"),
    # Signing in
    path("sign-in/", auth.SignInView.as_view(), name="sign-in"),
    path("sign-out/", auth.sign_out, name="sign-out"),
    path("signed-out/", auth.signed_out, name="signed-out"),
    path("two-factor/set-up/", auth.two_factor_setup, name="two-factor-setup"),
    path("two-factor/recovery-codes/", auth.two_factor_recovery_codes, name="two-factor-recovery-codes"),
    path("two-factor/", auth.two_factor_verify, name="two-factor-verify"),
    path("password-reset/", auth.ResetPasswordView.as_view(), name="password-reset"),
    path("password-reset/sent/", auth.ResetPasswordSentView.as_view(), name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth.ChooseNewPasswordView.as_view(),
        name="password-reset-choose",
    ),
    path("password-reset/done/", auth.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
    # Staff area
    path("staff/", staff.home, name="staff-home"),
    path("staff/people/", staff.people, name="people"),
    path("staff/people/<int:user_id>/", staff.person, name="person"),
    path("staff/areas/", staff.areas, name="areas"),
    path("staff/areas/<str:code>/", staff.area, name="area"),
    path("staff/audit/", staff.audit_search, name="audit-search"),
    # Emergency (break-glass) access, and the data protection officer's review of staff access
    path("staff/break-glass/", access_review.break_glass, name="break-glass"),
    path("staff/access-review/", access_review.access_review, name="access-review"),
    path("staff/access-review/mark/", access_review.mark_reviewed, name="access-review-mark"),
    path(
        "staff/access-review/break-glass/<int:grant_id>/",
        access_review.break_glass_review,
        name="break-glass-review",
    ),
    path("staff/notifications/", notifications.notifications, name="notifications"),
    path("staff/notifications/settings/", notifications.notification_settings, name="notification-settings"),
    path("staff/notifications/read/", notifications.mark_all_read, name="notifications-read-all"),
    path("staff/notifications/<int:notification_id>/", notifications.notification, name="notification"),
    path(
        "staff/notifications/<int:notification_id>/read/", notifications.mark_read, name="notification-read"
    ),
]
