"""Pillar interconnections: the board's business that spans several pillars
of one framework, counted pillar by pillar, with the items behind each count.

Each kind is read in two queries (primary and secondary pillars) whatever
its size; only the page of items drilled down to is fetched in full.
"""

from collections import defaultdict
from itertools import combinations

from meetings.tagging import KINDS

# The kinds the matrix counts: a report's agenda item stands for the report.
MATRIX_KINDS = ("item", "resolution", "action", "progress")


def pillar_sets(user, framework):
    """{(kind slug, pk): {pillar ids}} for everything the user may see that is
    tagged to the framework."""
    sets = defaultdict(set)
    for slug in MATRIX_KINDS:
        model = KINDS[slug].model
        visible = model.objects.visible_to(user).tags_shown().values("pk")
        primary = model.objects.filter(
            pk__in=visible, primary_pillar__framework=framework
        ).values_list("pk", "primary_pillar_id")
        through = model.secondary_pillars.through
        owner = f"{model._meta.model_name}_id"
        secondary = through.objects.filter(
            **{f"{model._meta.model_name}__in": visible},
            pillar__framework=framework,
        ).values_list(owner, "pillar_id")
        for pk, pillar_id in [*primary, *secondary]:
            sets[(slug, pk)].add(pillar_id)
    return sets


def matrix(pillars, sets):
    """[(pillar, [(other pillar, count)])]: off the diagonal, items tagged to
    both pillars; on it, items tagged to that pillar alone."""
    counts = defaultdict(int)
    for ids in sets.values():
        if len(ids) == 1:
            (only,) = ids
            counts[(only, only)] += 1
        for a, b in combinations(sorted(ids), 2):
            counts[(a, b)] += 1
            counts[(b, a)] += 1
    return [
        (row, [(col, counts[(row.pk, col.pk)]) for col in pillars]) for row in pillars
    ]


def spanning(sets, a, b):
    """Keys of the items tagged to both pillars (to `a` alone if a == b)."""
    if a == b:
        return sorted(k for k, ids in sets.items() if ids == {a.pk})
    return sorted(k for k, ids in sets.items() if {a.pk, b.pk} <= ids)


def fetch(user, keys):
    """The objects for (kind slug, pk) keys, in that order, as the user may
    see them (an exempt item by its open title unless they may see it)."""
    wanted = defaultdict(list)
    for slug, pk in keys:
        wanted[slug].append(pk)
    found = {}
    for slug, pks in wanted.items():
        kind = KINDS[slug]
        rows = (
            kind.model.objects.visible_to(user)
            .filter(pk__in=pks)
            .select_related(*kind.select)
        )
        found.update({(slug, row.pk): row for row in rows})
    return [(KINDS[slug], found[(slug, pk)]) for slug, pk in keys]
