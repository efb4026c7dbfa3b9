"""Which receiver addresses the portal will post to (against server-side request forgery).

In production (WEBHOOK_ALLOW_LOCAL off, the default unless DEBUG) a receiver
must be ``https://`` and every address its host name resolves to must be a
public one: no loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7),
link-local (169.254/16, where cloud metadata services answer), carrier-grade
NAT, multicast or reserved address, also not when written inside an IPv6
address that a translator or tunnel turns back into it (::ffff:a.b.c.d,
NAT64 64:ff9b::a.b.c.d, ::a.b.c.d, 6to4 2002:aabb:ccdd::, Teredo). The check runs when the subscription is
saved and again before every attempt, because DNS answers change. Redirects
are never followed (a 3xx is a failed attempt), so a public receiver cannot
send the request on to an internal one. What remains: a host name whose DNS
answer changes between the check and the connection a moment later (DNS
rebinding); an outgoing proxy that refuses private ranges closes that too.

With WEBHOOK_ALLOW_LOCAL (DEBUG, the tests) ``http://`` and local addresses
are allowed, so a receiver on 127.0.0.1 can be used.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

# IPv6 ranges that carry an IPv4 address in their last 32 bits and reach it through a translator or tunnel
# (NAT64, the IPv4-compatible form, SIIT), and ones Python still calls global that are not: local-use
# NAT64 (64:ff9b:1::/48) and the withdrawn site-local fec0::/10.
_EMBEDS_IPV4 = [ipaddress.ip_network(net) for net in ("64:ff9b::/96", "::/96", "::ffff:0:0:0/96")]
_NOT_GLOBAL_V6 = [ipaddress.ip_network(net) for net in ("64:ff9b:1::/48", "fec0::/10")]


def _ipv4_inside(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address leads to (mapped, NAT64, compatible, 6to4, Teredo), if any."""
    inside = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if any(ip in net for net in _EMBEDS_IPV4):
        inside.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [address for address in inside if address is not None]


def _one_is_public(ip) -> bool:
    return ip.is_global and not ip.is_multicast


def _address_is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if any(ip in net for net in _NOT_GLOBAL_V6):
            return False
        inside = _ipv4_inside(ip)
        if ip.ipv4_mapped is not None:
            return _one_is_public(ip.ipv4_mapped)
        if inside and not all(_one_is_public(v4) for v4 in inside):
            return False
    return _one_is_public(ip)


def receiver_url_problem(url: str, *, resolve: bool = True) -> str | None:
    """A Danish sentence saying why ``url`` may not receive webhooks, or None when it may."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return _("The address is not a valid web address.")
    allow_local = settings.WEBHOOK_ALLOW_LOCAL
    if parts.scheme not in (("https", "http") if allow_local else ("https",)):
        return _("The address must begin with https://.")
    if not host:
        return _("The address must name a host.")
    if parts.username or parts.password:
        return _("The address must not contain a user name or password.")
    if allow_local or not resolve:
        return None
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return _("The host name %(host)s could not be looked up.") % {"host": host}
    if not infos or not all(_address_is_public(info[4][0]) for info in infos):
        return _("The address leads to a private or local network, which the portal does not post to.")
    return None
