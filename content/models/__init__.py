"""The blog (authors, blog posts, images, tags, comments) and the catalogue of offers (providers, offers, requests).

Django finds an app's models in ``content.models``: the two areas live in
``blog.py`` and ``offers.py`` and are imported here.
"""

from .blog import Author, BlogPost, Comment, PostImage, Tag
from .offers import Offer, OfferRequest, Provider

__all__ = ["Author", "BlogPost", "Comment", "Offer", "OfferRequest", "PostImage", "Provider", "Tag"]
