"""The demo: the real Coventry content of the seed documents, loaded through
the product's own models and services.

content   the seed documents' meetings, agendas, minutes, actions and strategy
loader    the loader, the demo users and their logins table
papers/   the seed packs' papers as PDFs (scripts/demo_papers.py builds them)

The loader's public names are re-exported here: `demo.load(papers=False)`.
"""

from meetings.demo.loader import DEMO_USERNAMES, DEMO_USERS, load, logins_table

__all__ = ["DEMO_USERNAMES", "DEMO_USERS", "load", "logins_table"]
