"""The access walk's lists of URL names: public ones, API-token ones, lists, pages without names, members-only."""

# Every other page: public, the participant's own links, the members' own pages and accounts.
PUBLIC_URL_NAMES = {
    "health",
    "health_web",
    "accessibility:was",
    "accessibility:statement",
    "robots",
    "privacy",
    "set_language",
    "registration:personal",
    "registration:cancel",
    # The booker's page for colleagues signed up in one go (its own personal key).
    "registration:group_booking",
    "registration:group_booking_cancel",
    "members:home",
    "members:registrations",
    "members:profile",
    "members:privacy",
    "members:data_export",
    "members:account_delete",
    "members:join",
    "members:leave",
    "craft:evaluation",
    "public:home",
    "public:network_list",
    "public:network_detail",
    "public:network_calendar",
    "public:meeting_list",
    "public:all_meetings_calendar",
    "public:meeting_calendar",
    "public:meeting_detail",
    "public:embed_meetings",
    "public:embed_network",
    "public:registration_receipt",
    # Outreach: subscribing (double opt-in), the signed unsubscribe link, a member's own choices and
    # one-click sign-up (their own data only).
    "outreach:subscribe",
    "outreach:subscribe_confirm",
    "outreach:unsubscribe",
    "outreach:preferences",
    "outreach:accept",
    "content:post_list",
    "content:post_feed",
    "content:post_tag",
    "content:post_detail",
    "content:comment_moderate",
    "content:offer_list",
    "content:offer_detail",
    "content:offer_pdf",
    "content:offer_request",
    "content:offer_request_thanks",
    "search:search",
    # The read API's public part (api/): published meetings and public networks only.
    "api-v1:network_list",
    "api-v1:network_detail",
    "api-v1:work_area_list",
    "api-v1:meeting_list",
    "api-v1:meeting_detail",
    "api-v1:calendar",
    "api-v1:openapi-json",
    "api-v1:openapi-view",
    "api-v1:api-root",  # django-ninja's root: a 404 naming the docs
}
# Staff URLs opened by an API token rather than a session: walked with A's and B's tokens below.
API_TOKEN_URL_NAMES = {"api-v1:meeting_participants"}


# Pages that list what the person may see rather than one network's object: open for A, without B's data.
LIST_PAGES = {
    "registration:staff_overview",
    "registration:staff_fill_rate_export",
    "registration:staff_network_registrations",
    "registration:staff_invoice_basis",
    "registration:staff_attendance",
    "registration:staff_attendance_export",
    "craft:cadence",
}
NO_NAMES_SHOWN = {
    "registration:staff_attendance_export",
    "registration:staff_network_registrations",
    "registration:staff_invoice_basis",
    "craft:plan_year",
    "members:material_download",
    "members:minutes_download",
}
# Group-space pages for the network's active members only (B coordinates without being a member).
MEMBERS_ONLY = {"members:notifications"}
