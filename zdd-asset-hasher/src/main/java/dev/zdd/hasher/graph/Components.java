package dev.zdd.hasher.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strongly connected components of a directed graph (Tarjan's algorithm, iterative so deep reference chains
 * cannot overflow the stack), listed so that every component comes after all components it points to.
 */
public final class Components {
    private Components() {
    }

    /**
     * @param edges {@code edges[v]} are the nodes {@code v} points to
     * @return components as lists of nodes (each sorted), dependencies first
     */
    public static List<int[]> of(int[][] edges) {
        int n = edges.length;
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        int[] stack = new int[n];
        int stackSize = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int next = 0;
        List<int[]> components = new ArrayList<>();

        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = 0;
            index[root] = low[root] = next++;
            stack[stackSize++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                if (callEdge[depth] < edges[v].length) {
                    int w = edges[v][callEdge[depth]++];
                    if (index[w] < 0) {
                        index[w] = low[w] = next++;
                        stack[stackSize++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = 0;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    int size = 0;
                    while (stack[stackSize - 1 - size] != v) {
                        size++;
                    }
                    int[] component = Arrays.copyOfRange(stack, stackSize - size - 1, stackSize);
                    stackSize -= size + 1;
                    for (int member : component) {
                        onStack[member] = false;
                    }
                    Arrays.sort(component);
                    components.add(component);
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        return components;
    }
}
