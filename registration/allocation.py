"""Fair, deterministic workshop allocation after the deadline.

Objective, in strict order: (1) as many participants as possible get their
1st priority, (2) then as many as possible get their 2nd, (3) then earlier
registrations win ties. Solved exactly as a min-cost flow (source ->
participant -> workshop -> sink) with costs weighted so each goal dominates
the next; plain Python, fast for the few hundred people of a meeting.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Applicant:
    key: Hashable
    first: Hashable | None
    second: Hashable | None


class _Graph:
    def __init__(self, size: int):
        self.adj: list[list[list[int]]] = [[] for _ in range(size)]

    def add(self, u: int, v: int, cap: int, cost: int) -> None:
        # Edge: [to, capacity, cost, index of reverse edge]
        self.adj[u].append([v, cap, cost, len(self.adj[v])])
        self.adj[v].append([u, 0, -cost, len(self.adj[u]) - 1])

    def min_cost_flow(self, s: int, t: int) -> None:
        """Successive shortest paths; stops when no path lowers the cost."""
        n = len(self.adj)
        # Initial potentials by Bellman-Ford (the graph is a DAG with negative costs).
        potential = [0] * n
        dist = [float("inf")] * n
        dist[s] = 0
        for _ in range(n):
            changed = False
            for u in range(n):
                if dist[u] == float("inf"):
                    continue
                for v, cap, cost, _r in self.adj[u]:
                    if cap > 0 and dist[u] + cost < dist[v]:
                        dist[v] = dist[u] + cost
                        changed = True
            if not changed:
                break
        potential = [d if d != float("inf") else 0 for d in dist]
        while True:
            dist = [float("inf")] * n
            prev: list[tuple[int, int] | None] = [None] * n
            dist[s] = 0
            heap = [(0, s)]
            while heap:
                d, u = heapq.heappop(heap)
                if d > dist[u]:
                    continue
                for i, (v, cap, cost, _r) in enumerate(self.adj[u]):
                    if cap <= 0:
                        continue
                    nd = d + cost + potential[u] - potential[v]
                    if nd < dist[v]:
                        dist[v] = nd
                        prev[v] = (u, i)
                        heapq.heappush(heap, (nd, v))
            if dist[t] == float("inf"):
                return
            for v in range(n):
                if dist[v] != float("inf"):
                    potential[v] += dist[v]
            # Real cost of the path; stop if sending more would not improve the total.
            if potential[t] - potential[s] >= 0:
                return
            v = t
            while v != s:
                u, i = prev[v]
                edge = self.adj[u][i]
                edge[1] -= 1
                self.adj[v][edge[3]][1] += 1
                v = u


def allocate(
    applicants: Sequence[Applicant], capacities: dict[Hashable, int | None]
) -> dict[Hashable, Hashable | None]:
    """Return {applicant key: workshop key or None}.

    `applicants` must be in registration order (earliest first); a capacity
    of None means unlimited. Nobody gets more than one workshop, no workshop
    gets more than its capacity, and everyone gets one of their priorities
    or nothing.
    """
    n = len(applicants)
    workshops = list(capacities)
    index = {key: i for i, key in enumerate(workshops)}
    source, sink = 0, 1
    first_person = 2
    first_workshop = first_person + n
    graph = _Graph(first_workshop + len(workshops))
    # Weights: one extra 1st choice beats any number of 2nd choices, which beat
    # any sum of earliness bonuses.
    earliness_total = n * (n + 1) // 2 + 1
    w_second = earliness_total
    w_first = w_second * (n + 1)
    edges: list[tuple[int, int, int]] = []  # (person, workshop, position in adj)
    for p, applicant in enumerate(applicants):
        node = first_person + p
        graph.add(source, node, 1, 0)
        bonus = n - p  # earlier registrations get the larger bonus
        seen = set()
        for choice, weight in ((applicant.first, w_first), (applicant.second, w_second)):
            if choice is None or choice not in index or choice in seen:
                continue
            seen.add(choice)
            edges.append((p, index[choice], len(graph.adj[node])))
            graph.add(node, first_workshop + index[choice], 1, -(weight + bonus))
    for w, key in enumerate(workshops):
        capacity = capacities[key]
        graph.add(first_workshop + w, sink, n if capacity is None else capacity, 0)
    graph.min_cost_flow(source, sink)

    result: dict[Hashable, Hashable | None] = {a.key: None for a in applicants}
    for p, w, position in edges:
        edge = graph.adj[first_person + p][position]
        if edge[1] == 0:  # used
            result[applicants[p].key] = workshops[w]
    return result
