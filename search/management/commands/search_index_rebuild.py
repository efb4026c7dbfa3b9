from django.core.management.base import BaseCommand

from search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Build the site search's index again from every public network, meeting, blog post and offer."

    def handle(self, *args, **options):
        written = search_index_rebuild()
        self.stdout.write(f"{written} documents indexed.")
