"""One loader per area of the site, each a `load(site)` that reads what earlier loaders put on the site.

Loaders import the apps and `demo.helpers` / `demo.site`, never each other;
`demo.load.LOADERS` is their order.
"""
