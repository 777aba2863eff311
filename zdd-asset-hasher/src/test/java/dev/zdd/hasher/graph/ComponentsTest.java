package dev.zdd.hasher.graph;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComponentsTest {

    /** Which component each node landed in, checking that every node is in exactly one. */
    private static int[] componentOf(int n, List<int[]> components) {
        int[] of = new int[n];
        Arrays.fill(of, -1);
        for (int c = 0; c < components.size(); c++) {
            for (int node : components.get(c)) {
                assertEquals(-1, of[node], "node " + node + " is in two components");
                of[node] = c;
            }
        }
        for (int v = 0; v < n; v++) {
            assertTrue(of[v] >= 0, "node " + v + " is in no component");
        }
        return of;
    }

    /** Every edge goes to the same component or to one listed earlier; members are sorted. */
    private static void assertDependenciesFirst(int[][] edges, List<int[]> components) {
        int[] of = componentOf(edges.length, components);
        for (int v = 0; v < edges.length; v++) {
            for (int w : edges[v]) {
                assertTrue(of[w] <= of[v], "edge " + v + " -> " + w + " but component of " + w + " comes later");
            }
        }
        for (int[] component : components) {
            int[] sorted = component.clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, component, "members not sorted: " + Arrays.toString(component));
        }
    }

    private static boolean reaches(int[][] edges, int from, int to) {
        boolean[] seen = new boolean[edges.length];
        List<Integer> todo = new ArrayList<>(List.of(from));
        seen[from] = true;
        while (!todo.isEmpty()) {
            int v = todo.remove(todo.size() - 1);
            if (v == to) {
                return true;
            }
            for (int w : edges[v]) {
                if (!seen[w]) {
                    seen[w] = true;
                    todo.add(w);
                }
            }
        }
        return false;
    }

    @Test
    void emptyGraph() {
        assertEquals(0, Components.of(new int[0][]).size());
    }

    @Test
    void dagListsDependenciesBeforeDependents() {
        // 0 -> 1 -> 3, 0 -> 2 -> 3, 4 -> 0
        int[][] edges = {{1, 2}, {3}, {3}, {}, {0}};
        List<int[]> components = Components.of(edges);
        assertEquals(5, components.size());
        for (int[] c : components) {
            assertEquals(1, c.length);
        }
        assertDependenciesFirst(edges, components);
        assertArrayEquals(new int[]{3}, components.get(0));
        assertArrayEquals(new int[]{4}, components.get(4));
    }

    @Test
    void dagWhereDependencyHasHigherAndLowerNumbers() {
        // 2 -> 0, 2 -> 4, 4 -> 1, 1 -> 3
        int[][] edges = {{}, {3}, {0, 4}, {}, {1}};
        List<int[]> components = Components.of(edges);
        assertEquals(5, components.size());
        assertDependenciesFirst(edges, components);
    }

    @Test
    void twoCycleIsOneComponent() {
        int[][] edges = {{1}, {0}};
        List<int[]> components = Components.of(edges);
        assertEquals(1, components.size());
        assertArrayEquals(new int[]{0, 1}, components.get(0));
    }

    @Test
    void twoCycleFoundFromEitherEnd() {
        // 0 -> 2, 2 <-> 1 : the cycle is discovered starting from its larger member
        int[][] edges = {{2}, {2}, {1}};
        List<int[]> components = Components.of(edges);
        assertEquals(2, components.size());
        assertArrayEquals(new int[]{1, 2}, components.get(0));
        assertArrayEquals(new int[]{0}, components.get(1));
    }

    @Test
    void selfLoopIsAComponentOfSizeOne() {
        int[][] edges = {{0}, {0}};
        List<int[]> components = Components.of(edges);
        assertEquals(2, components.size());
        assertArrayEquals(new int[]{0}, components.get(0));
        assertArrayEquals(new int[]{1}, components.get(1));
    }

    @Test
    void threeCyclePlusTail() {
        // tail 5 -> 4 -> 0; cycle 0 -> 3 -> 1 -> 0 ; cycle points to 2
        int[][] edges = {{3}, {0, 2}, {}, {1}, {0}, {4}};
        List<int[]> components = Components.of(edges);
        assertDependenciesFirst(edges, components);
        assertEquals(4, components.size());
        assertArrayEquals(new int[]{2}, components.get(0));
        assertArrayEquals(new int[]{0, 1, 3}, components.get(1));
        assertArrayEquals(new int[]{4}, components.get(2));
        assertArrayEquals(new int[]{5}, components.get(3));
    }

    @Test
    void disconnectedNodes() {
        int[][] edges = {{}, {}, {}, {}};
        List<int[]> components = Components.of(edges);
        assertEquals(4, components.size());
        Set<Integer> seen = new HashSet<>();
        for (int[] c : components) {
            assertEquals(1, c.length);
            seen.add(c[0]);
        }
        assertEquals(Set.of(0, 1, 2, 3), seen);
    }

    @Test
    void disconnectedCycles() {
        int[][] edges = {{1}, {0}, {3}, {4}, {2}, {}};
        List<int[]> components = Components.of(edges);
        assertEquals(3, components.size());
        assertDependenciesFirst(edges, components);
        List<String> asText = components.stream().map(Arrays::toString).toList();
        assertEquals(List.of("[0, 1]", "[2, 3, 4]", "[5]"), asText);
    }

    @Test
    void duplicateEdgesAreHarmless() {
        int[][] edges = {{1, 1, 1}, {0, 0}, {1}};
        List<int[]> components = Components.of(edges);
        assertEquals(2, components.size());
        assertArrayEquals(new int[]{0, 1}, components.get(0));
        assertArrayEquals(new int[]{2}, components.get(1));
    }

    @Test
    void longChainDoesNotOverflowTheStack() {
        int n = 100_000;
        int[][] edges = new int[n][];
        for (int v = 0; v < n; v++) {
            edges[v] = v + 1 < n ? new int[]{v + 1} : new int[0];
        }
        List<int[]> components = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Components.of(edges));
        assertEquals(n, components.size());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(new int[]{n - 1 - i}, components.get(i));
        }
    }

    @Test
    void longCycleIsOneComponent() {
        int n = 100_000;
        int[][] edges = new int[n][];
        for (int v = 0; v < n; v++) {
            edges[v] = new int[]{(v + 1) % n};
        }
        List<int[]> components = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Components.of(edges));
        assertEquals(1, components.size());
        int[] all = components.get(0);
        assertEquals(n, all.length);
        for (int i = 0; i < n; i++) {
            assertEquals(i, all[i]);
        }
    }

    @Test
    void randomGraphsMatchReachability() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(12);
            int[][] edges = new int[n][];
            for (int v = 0; v < n; v++) {
                int degree = random.nextInt(4);
                edges[v] = new int[degree];
                for (int e = 0; e < degree; e++) {
                    edges[v][e] = random.nextInt(n);
                }
            }
            List<int[]> components = Components.of(edges);
            assertDependenciesFirst(edges, components);
            int[] of = componentOf(n, components);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    boolean together = reaches(edges, a, b) && reaches(edges, b, a);
                    assertEquals(together, of[a] == of[b],
                            "round " + round + ": nodes " + a + ", " + b + " in " + Arrays.deepToString(edges));
                }
            }
        }
    }
}
