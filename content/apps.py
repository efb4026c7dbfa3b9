from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Blog and offers")

    def ready(self):
        from netvaerk.pagecache import public_models_register
        from netvaerk.roles import role_permissions_register

        from .models import Author, BlogPost, Comment, Offer, PostImage, Provider, Tag

        # Consultants write blog posts, moderate comments, keep the offers and follow up requests.
        role_permissions_register(
            "content",
            planning=["tag", "author", "blogpost", "postimage", "comment", "provider", "offer", "offerrequest"],
        )
        public_models_register(Tag, Author, BlogPost, PostImage, Comment, Provider, Offer)

        from netvaerk.access import scope_register

        from .models import BlogPost, Comment, PostImage

        # A blog post of a network is that network's; one without a network is shared by the consultants.
        scope_register(BlogPost, network="network", shared_without_network=True)
        for model in (PostImage, Comment):
            scope_register(model, network="post__network", shared_without_network=True)

        from netvaerk.privacy import personal_data_source_register

        from .privacy import SOURCES

        for source in SOURCES:
            personal_data_source_register(source=source)
        from .emails import register_email_templates

        register_email_templates()
