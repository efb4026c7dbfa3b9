"""The public pages of networks and meetings (URL namespace ``public``), one module per entity.

``home.py`` the front page; ``networks.py`` every public page of a network (list, page,
calendar feed, embeddable list); ``meetings.py`` every public page of a meeting (list, the
meeting page with its sign-up form, the receipt, calendar files, embeddable list);
``common.py`` what both share (the page cache's validity for cards, calendar responses,
framing for the embeddable lists). The app sits above registration, so the sign-up form
is simply on the meeting page; apps above add to the pages through registries
(``pages.networks.network_page_panel_register``).
"""
