from django.urls import path

from . import views, views_checkin, views_colleagues, views_desk, views_messages, views_staff

app_name = "registration"

urlpatterns = [
    path("tilmelding/<str:token>/", views.personal_page, name="personal"),
    path("tilmelding/<str:token>/afmeld/", views.cancel, name="cancel"),
    path("personale/moeder/<str:code>/tjek-ind/", views.check_in, name="check_in"),
    path("personale/moeder/<str:code>/tjek-ind/<int:pk>/", views.check_in_toggle, name="check_in_toggle"),
    path("personale/moeder/<str:code>/tjek-ind/scan/", views_checkin.check_in_scan, name="check_in_scan"),
]

# Staff lists and downloads (registration/views_staff.py).
urlpatterns += [
    path("personale/", views_staff.overview, name="staff_overview"),
    path("personale/fyldning.<slug:fmt>", views_staff.fill_rate_export, name="staff_fill_rate_export"),
    path("personale/moeder/<str:code>/lister/", views_staff.meeting_lists, name="staff_meeting_lists"),
    path(
        "personale/moeder/<str:code>/lister/<slug:kind>.<slug:fmt>",
        views_staff.meeting_export,
        name="staff_meeting_export",
    ),
    path("personale/netvaerk/tilmeldinger/", views_staff.network_registrations, name="staff_network_registrations"),
    path(
        "personale/netvaerk/<slug:slug>/tilmeldinger.<slug:fmt>",
        views_staff.network_export,
        name="staff_network_export",
    ),
    path("personale/fremmoede/", views_staff.attendance, name="staff_attendance"),
    path("personale/fremmoede.<slug:fmt>", views_staff.attendance_export, name="staff_attendance_export"),
]

# Writing to a meeting's participants (registration/views_messages.py).
urlpatterns += [
    path("personale/moeder/<str:code>/beskeder/", views_messages.message_list, name="staff_messages"),
    path("personale/moeder/<str:code>/beskeder/ny/", views_messages.message_write, name="staff_message_write"),
    path("personale/moeder/<str:code>/beskeder/<int:pk>/", views_messages.message_detail, name="staff_message"),
    path("personale/moeder/<str:code>/beskeder/<int:pk>/ret/", views_messages.message_write, name="staff_message_edit"),
]

# The invoice basis across meetings (registration/views_staff.py).
urlpatterns += [
    path("personale/fakturagrundlag/", views_staff.invoice_basis, name="staff_invoice_basis"),
    path("personale/fakturagrundlag.<slug:fmt>", views_staff.invoice_basis_export, name="staff_invoice_basis_export"),
]

# The registration desk (registration/views_desk.py): registrations entered, moved and cancelled by staff.
urlpatterns += [
    path("personale/moeder/<str:code>/skranke/", views_desk.meeting_desk, name="staff_desk"),
    path("personale/tilmeldinger/<int:pk>/flyt/", views_desk.registration_move, name="staff_registration_move"),
    path("personale/tilmeldinger/<int:pk>/afmeld/", views_desk.registration_cancel, name="staff_registration_cancel"),
    path(
        "personale/moeder/<str:code>/tjek-ind/uden-tilmelding/",
        views_desk.check_in_walk_in,
        name="check_in_walk_in",
    ),
]

# The booker's page for a group booking (colleagues in one go, registration/views_colleagues.py).
urlpatterns += [
    path("tilmelding/kolleger/<str:token>/", views_colleagues.group_booking, name="group_booking"),
    path(
        "tilmelding/kolleger/<str:token>/afmeld/<int:pk>/",
        views_colleagues.group_booking_cancel,
        name="group_booking_cancel",
    ),
]
