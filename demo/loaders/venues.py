"""Where the meetings are held: the members' houses in turn, Albertslund's centre, and Teams."""

from __future__ import annotations

from meetings.models import Venue

from ..site import Site


def venue(name, address, postal_code, city, **extra) -> Venue:
    return Venue.objects.update_or_create(
        name=name, city=city, defaults={"address": address, "postal_code": postal_code, **extra}
    )[0]


def load(site: Site) -> None:
    organisations = site.organisations
    site.venues["rosenhoj"] = venue(
        "Rosenhøj",
        "Rosenhøj 16",
        "8260",
        "Viby J",
        host_organisation=organisations["vibysyd"],
        directions="Bus 4A til Rosenhøj. Gratis parkering ved beboerhuset.",
        accessibility="Niveaufri adgang og handicaptoilet i beboerhuset.",
        room_capacity=60,
    )
    site.venues["gladsaxe"] = venue(
        "Beboerhuset Høje Gladsaxe",
        "Høje Gladsaxe Torv 2",
        "2860",
        "Søborg",
        host_organisation=organisations["gladsaxe"],
        room_capacity=50,
    )
    site.venues["ribe"] = venue(
        "Kvarterhuset Bramming",
        "Storegade 20",
        "6740",
        "Bramming",
        host_organisation=organisations["ribe"],
        room_capacity=40,
    )
    site.venues["abc"] = venue(
        "Albertslund Boligsociale Center",
        "Bibliotekstorvet 2",
        "2620",
        "Albertslund",
        host_organisation=organisations["albertslund"],
        accessibility="Elevator til 1. sal. Teleslynge i den store sal.",
        room_capacity=120,
    )
    site.venues["tingbjerg"] = venue(
        "Tingbjerg Bibliotek og Kulturhus",
        "Ruten 2",
        "2700",
        "Brønshøj",
        host_organisation=organisations["tingbjerg"],
        room_capacity=70,
    )
    site.venues["teams"] = venue("Microsoft Teams", "", "", "", is_online=True)
