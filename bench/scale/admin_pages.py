"""The admin's pages, found in ``admin.site``: lists, searches, filters, date drill-downs, forms."""

from __future__ import annotations

import datetime as dt

from bench.scale.context import Context, Page, follow_path


def _search_terms(model_admin, request) -> list[tuple[str, str]]:
    """What a person types into the search box: a whole email address, or one word of a name or title."""
    fields = [name.lstrip("=^@") for name in model_admin.get_search_fields(request)]
    if not fields:
        return []
    queryset = model_admin.get_queryset(request).order_by("pk")
    count = queryset.count()
    if not count:
        return []
    sample = queryset[count // 2]
    wanted = fields[:1] + [name for name in fields[1:] if "email" in name or "recipient" in name][:1]
    terms = []
    for name in wanted:
        value = follow_path(sample, name)
        if value in (None, ""):
            continue
        value = str(value)
        if "@" in value:
            terms.append((f"{name} (whole address)", value))
        else:
            words = [word.strip(".,:;()-") for word in value.split()]
            terms.append((f"{name} (one word)", max(words, key=len)))
    return terms


def _sample_choices(choices: list[dict]) -> list[tuple[str, dict]]:
    """First, middle and last of a filter's data-dependent choices, and the empty choice."""
    empty = [choice for choice in choices if "__isnull" in choice["query_string"]]
    values = [choice for choice in choices if choice not in empty]
    picks, seen = [], set()
    for tag, index in (("first", 0), ("middle", len(values) // 2), ("last", len(values) - 1)):
        if values and index not in seen:
            seen.add(index)
            picks.append((f"#{tag}", values[index]))
    picks += [("(empty)", choice) for choice in empty[:1]]
    return picks


def _paid_registration(ctx: Context):
    """A registration of the priced meeting of ordinary size with the most registrations, in both databases:
    its form has the invoice details a free meeting's lacks, so demo and ten years compare the same form."""
    from django.db.models import Count

    from bench.scale.targets import ORDINARY_MEETING_MAX
    from meetings.models import Meeting
    from registration.models import Registration

    meeting = (
        Meeting.objects.filter(price__gt=0)
        .annotate(n=Count("registrations"))
        .filter(n__gt=0, n__lte=ORDINARY_MEETING_MAX)
        .order_by("-n", "pk")
        .first()
    )
    return Registration.objects.filter(meeting=meeting or ctx.staff_meeting).order_by("pk").first()


def _big_object(label: str, model_admin, request, ctx: Context):
    """The object of a change form: the big one where there is one, else the newest."""
    big = {
        "meetings.meeting": (ctx.staff_meeting, "meeting with most registrations"),
        "netvaerk.network": (ctx.network, "network with most members"),
        "members.user": (ctx.users["member"], "member with most registrations"),
        "registration.registration": (_paid_registration(ctx), "registration of the largest priced meeting"),
    }
    if label in big:
        return big[label]
    # A random UUID key is no order: "-pk" chose a different row with each build of the demo (members.material:
    # 8 queries in one run, 9 in the next, as its meeting was set or not). Such rows are ordered by creation.
    meta = model_admin.model._meta
    by_time = meta.pk.get_internal_type() == "UUIDField" and any(f.name == "created_at" for f in meta.fields)
    order = ("-created_at", "-pk") if by_time else ("-pk",)
    queryset = model_admin.get_queryset(request).order_by(*order)
    optional = {f.name: f.attname for f in meta.concrete_fields if f.is_relation and f.null}
    shape = ctx.demo_shapes.get(label)
    obj = None
    if shape is not None:
        obj = queryset.filter(**{f"{name}__isnull": name not in shape for name in optional}).first()
    obj = obj or queryset.first()
    if obj is not None:
        ctx.shapes[label] = [name for name, attname in optional.items() if getattr(obj, attname) is not None]
    return obj, "newest"


def admin_pages(ctx: Context) -> list[Page]:
    from django.contrib import admin
    from django.contrib.admin.filters import AllValuesFieldListFilter, RelatedFieldListFilter
    from django.contrib.admin.utils import quote
    from django.test import RequestFactory
    from django.urls import reverse
    from django.utils import timezone

    pages = [Page("admin", "admin index", reverse("admin:index"), "secretariat")]
    factory = RequestFactory()
    # admin.site._registry is the only list of every registered ModelAdmin: new admins are covered by themselves.
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower):
        opts = model._meta
        name = opts.label_lower
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        request = factory.get(url)
        request.user = ctx.users["secretariat"]
        who = "secretariat" if model_admin.has_view_or_change_permission(request) else "superuser"
        request.user = ctx.users[who]
        pages.append(Page("admin", f"{name}: list", url, who))
        try:
            for tag, term in _search_terms(model_admin, request):
                pages.append(Page("admin", f"{name}: list, search {tag}", f"{url}?{_qs({'q': term})}", who))
            changelist = model_admin.get_changelist_instance(request)
            # The deepest page the list's pagination offers (its offset is what grows with the years).
            last = changelist.paginator.num_pages
            if last > 1:
                pages.append(Page("admin", f"{name}: list, last page", f"{url}?p={last}", who))
            for spec in changelist.filter_specs:
                choices = [choice for choice in spec.choices(changelist) if not choice["selected"]]
                data_dependent = isinstance(spec, (RelatedFieldListFilter, AllValuesFieldListFilter))
                picks = _sample_choices(choices) if data_dependent else [(str(c["display"]), c) for c in choices]
                for tag, choice in picks:
                    pages.append(
                        Page("admin", f"{name}: list, filter {spec.title} = {tag}", url + choice["query_string"], who)
                    )
            if model_admin.date_hierarchy:
                hierarchy = model_admin.date_hierarchy
                latest = (
                    model_admin.get_queryset(request)
                    .order_by(f"-{hierarchy}")
                    .values_list(hierarchy, flat=True)
                    .first()
                )
                if latest is not None:
                    if isinstance(latest, dt.datetime):
                        latest = timezone.localtime(latest)
                    year = f"{url}?{hierarchy}__year={latest.year}"
                    pages.append(Page("admin", f"{name}: list, date hierarchy: latest year", year, who))
                    pages.append(
                        Page(
                            "admin",
                            f"{name}: list, date hierarchy: latest month",
                            f"{year}&{hierarchy}__month={latest.month}",
                            who,
                        )
                    )
            obj, what = _big_object(name, model_admin, request, ctx)
            if obj is not None:
                obj_who = "secretariat"
                request.user = ctx.users["secretariat"]
                if not model_admin.has_view_or_change_permission(request, obj):
                    obj_who = "superuser"
                change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
                pages.append(Page("admin", f"{name}: change form ({what})", change, obj_who))
            request.user = ctx.users[who]
            for field_name in model_admin.get_autocomplete_fields(request):
                query = _qs({"app_label": opts.app_label, "model_name": opts.model_name, "field_name": field_name})
                pages.append(
                    Page("admin", f"{name}: autocomplete {field_name}", f"{reverse('admin:autocomplete')}?{query}", who)
                )
        except Exception as error:  # a broken admin is a finding, not the end of the run
            ctx.not_found.append(f"{name}: could not list its pages ({type(error).__name__}: {error})")
    return pages


def _qs(params: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(params)
