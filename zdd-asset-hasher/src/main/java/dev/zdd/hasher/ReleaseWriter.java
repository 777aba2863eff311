package dev.zdd.hasher;

import java.util.HashSet;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import dev.zdd.hasher.graph.Components;
import dev.zdd.hasher.io.Folders;
import dev.zdd.hasher.io.LinkOrCopy;
import dev.zdd.hasher.io.ParallelIo;
import dev.zdd.hasher.io.WriteFailure;
import dev.zdd.hasher.manifest.ManifestEntry;
import dev.zdd.hasher.naming.ContentDigest;
import dev.zdd.hasher.naming.HashedName;
import dev.zdd.hasher.refs.Reference;
import dev.zdd.hasher.site.SiteFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the staged release: hashed assets first, in dependency order so that a file's references already carry
 * their targets' final names when its own hash is taken; then pages and everything else.
 */
final class ReleaseWriter {
    private final HasherConfig config;
    private final Path staging;
    private final ParallelIo parallel;
    private Map<String, PlannedFile> planned = Map.of();
    private final Set<String> reservedNames;
    private final LinkOrCopy placer;
    private final Folders folders = new Folders();

    private final Map<String, HashedOutput> hashedNames = new ConcurrentHashMap<>();
    private final Map<String, ManifestEntry> written = new ConcurrentHashMap<>();
    private final AtomicInteger rewritten = new AtomicInteger();
    private final AtomicInteger cycles = new AtomicInteger();

    /** Plans a text file again, from its bytes as they are now. */
    private final ParallelIo.IoFunction<SiteFile, PlannedFile> replan;

    ReleaseWriter(HasherConfig config, Path staging, ParallelIo parallel, Set<String> reservedNames,
                  ParallelIo.IoFunction<SiteFile, PlannedFile> replan) {
        this.replan = replan;
        this.config = config;
        this.staging = staging;
        this.parallel = parallel;
        this.reservedNames = reservedNames;
        this.placer = new LinkOrCopy(config.linkFiles());
    }

    Map<String, ManifestEntry> written() {
        return written;
    }

    /** Original path to hashed path, for every hashed asset. */
    Map<String, String> paths() {
        Map<String, String> paths = new HashMap<>();
        hashedNames.forEach((original, output) -> paths.put(original, output.path()));
        return paths;
    }

    int rewritten() {
        return rewritten.get();
    }

    int cycles() {
        return cycles.get();
    }

    /** Writes every file not written yet by {@link #copyHashed}. */
    void write(List<SiteFile> files, Map<String, PlannedFile> planned) throws IOException {
        this.planned = planned;
        List<SiteFile> hashed = files.stream().filter(SiteFile::hashed).toList();
        writeHashed(hashed);
        inParallel(files.stream().filter(f -> !f.hashed()).toList(), this::writeUnchanged);
        if (config.keepOriginals()) {
            inParallel(hashed, this::writeOriginalName);
        }
    }

    private void writeHashed(List<SiteFile> hashed) throws IOException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < hashed.size(); i++) {
            index.put(hashed.get(i).path(), i);
        }
        int[][] edges = new int[hashed.size()][];
        for (int i = 0; i < hashed.size(); i++) {
            PlannedFile plan = planned.get(hashed.get(i).path());
            edges[i] = plan == null ? new int[0] : plan.targets().stream()
                    .mapToInt(index::get).distinct().sorted().toArray();
        }
        List<int[]> components = Components.of(edges);
        // Components come dependencies first; a component's level is one more than its deepest dependency, so
        // every component of one level can be written at once.
        int[] componentOf = new int[hashed.size()];
        for (int c = 0; c < components.size(); c++) {
            for (int node : components.get(c)) {
                componentOf[node] = c;
            }
        }
        int[] level = new int[components.size()];
        List<List<int[]>> levels = new ArrayList<>();
        for (int c = 0; c < components.size(); c++) {
            for (int node : components.get(c)) {
                for (int target : edges[node]) {
                    if (componentOf[target] != c) {
                        level[c] = Math.max(level[c], level[componentOf[target]] + 1);
                    }
                }
            }
            while (levels.size() <= level[c]) {
                levels.add(new ArrayList<>());
            }
            levels.get(level[c]).add(components.get(c));
        }
        for (List<int[]> sameLevel : levels) {
            inParallel(sameLevel, component -> writeComponent(component, hashed, edges));
        }
    }

    private void writeComponent(int[] component, List<SiteFile> hashed, int[][] edges) throws IOException {
        boolean cyclic = component.length > 1 || Arrays.stream(edges[component[0]]).anyMatch(t -> t == component[0]);
        if (!cyclic) {
            SiteFile file = hashed.get(component[0]);
            PlannedFile plan = planned.get(file.path());
            if (plan == null) {
                if (!hashedNames.containsKey(file.path())) {
                    copyHashed(file);
                }
            } else {
                byte[] bytes = render(plan, Set.of());
                String digest = ContentDigest.sha256(bytes);
                store(file, name(file, digest), bytes, digest);
            }
            return;
        }
        // A cycle: no member's final bytes exist before the others' names do. Hash the members together, with
        // the references inside the cycle as written, and give all of them that one hash.
        cycles.incrementAndGet();
        Set<String> members = new HashSet<>();
        for (int node : component) {
            members.add(hashed.get(node).path());
        }
        var combined = DigestUtils.getSha256Digest();
        for (int node : component) {
            SiteFile file = hashed.get(node);
            combined.update(file.path().getBytes(StandardCharsets.UTF_8));
            combined.update((byte) 0);
            combined.update(render(planned.get(file.path()), members));
            combined.update((byte) 0);
        }
        String hash = Hex.encodeHexString(combined.digest());
        for (int node : component) {
            SiteFile file = hashed.get(node);
            hashedNames.put(file.path(), name(file, hash));
        }
        for (int node : component) {
            SiteFile file = hashed.get(node);
            byte[] bytes = render(planned.get(file.path()), Set.of());
            store(file, hashedNames.get(file.path()), bytes, ContentDigest.sha256(bytes));
        }
    }

    /** The file's text with its references rewritten, except those pointing into {@code unresolved}. */
    private byte[] render(PlannedFile stored, Set<String> unresolved) throws IOException {
        PlannedFile plan = stored;
        if (stored.isLight()) {
            plan = replan.apply(stored.file());
            stored.checkSameBytes(plan.bytes());
        }
        TextEdits edits = new TextEdits();
        byte[] bytes = plan.bytes();
        // Decoded again rather than kept from reading: a site's text held whole would not fit a small heap. Text
        // of one byte per character is not decoded at all; only the references' places are read.
        CharSequence text = plan.oneBytePerChar() ? new ByteChars(bytes) : plan.codec().decode(bytes);
        for (PlannedFile.Rewrite rewrite : plan.rewrites()) {
            if (unresolved.contains(rewrite.target())) {
                continue;
            }
            Reference reference = rewrite.reference();
            HashedOutput target = hashedNames.get(rewrite.target());
            String newUrl = HashedName.inUrl(reference.url(), target.fileName(), target.hash());
            Reference.Edit edit = reference.edit(text, newUrl);
            edits.replace(edit.range(), edit.text());
        }
        for (Reference strip : plan.strips()) {
            edits.replace(strip.removable(), "");
        }
        if (unresolved.isEmpty()) {
            rewritten.addAndGet(plan.rewrites().size());
        }
        return edits.applyTo(text, bytes, plan.codec());
    }

    /** The hashed name of {@code file}, lengthening the hash if it would take the name of a file kept as is. */
    private HashedOutput name(SiteFile file, String digest) {
        for (int length = config.hashLength(); length <= digest.length(); length += 4) {
            String hash = digest.substring(0, Math.min(length, digest.length()));
            String path = file.folder() + HashedName.of(file.name(), hash);
            if (!reservedNames.contains(path)) {
                HashedOutput output = new HashedOutput(path, hash);
                hashedNames.put(file.path(), output);
                return output;
            }
        }
        throw new NoFreeNameException(file.path(), config.hashLength());
    }

    /** Every hashed name of a file is taken by files that keep their names; AssetHasher reports it as an error. */
    static final class NoFreeNameException extends RuntimeException {
        private final String path;

        NoFreeNameException(String path, int shortest) {
            super("every hashed name of " + path + ", with " + shortest + " to 64 hex characters of its hash, is"
                    + " already the name of a file that keeps its name");
            this.path = path;
        }

        String path() {
            return path;
        }
    }

    /**
     * Places a binary asset under its hashed name (linked or copied); it references nothing, so this can happen at
     * any time.
     */
    void copyHashed(SiteFile file) throws IOException {
        Path partial = staging.resolve(".zdd/partial/" + file.path());
        String digest;
        try {
            folders.ensure(partial.getParent());
            digest = placer.place(file.file(), partial);
        } catch (IOException e) {
            throw WriteFailure.naming(partial, e);
        }
        HashedOutput output = name(file, digest);
        Path target = staging.resolve(output.path());
        try {
            folders.ensure(target.getParent());
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw WriteFailure.naming(target, e);
        }
        written.put(output.path(), new ManifestEntry(file.path(), Files.size(target), digest));
    }

    private void store(SiteFile file, HashedOutput output, byte[] bytes, String digest) throws IOException {
        writeBytes(output.path(), bytes);
        written.put(output.path(), new ManifestEntry(file.path(), bytes.length, digest));
    }

    private void writeUnchanged(SiteFile file) throws IOException {
        PlannedFile plan = planned.get(file.path());
        if (plan == null) {
            Path target = staging.resolve(file.path());
            String digest;
            try {
                folders.ensure(target.getParent());
                digest = placer.place(file.file(), target);
            } catch (IOException e) {
                throw WriteFailure.naming(target, e);
            }
            written.put(file.path(), new ManifestEntry(file.path(), Files.size(target), digest));
        } else {
            byte[] bytes = render(plan, Set.of());
            writeBytes(file.path(), bytes);
            written.put(file.path(), new ManifestEntry(file.path(), bytes.length, ContentDigest.sha256(bytes)));
        }
    }

    private void writeOriginalName(SiteFile file) throws IOException {
        HashedOutput output = hashedNames.get(file.path());
        Path target = staging.resolve(file.path());
        try {
            Files.copy(staging.resolve(output.path()), target);
        } catch (IOException e) {
            throw WriteFailure.naming(target, e);
        }
        ManifestEntry entry = written.get(output.path());
        written.put(file.path(), new ManifestEntry(file.path(), entry.size(), entry.sha256()));
    }

    private void writeBytes(String path, byte[] bytes) throws IOException {
        Path target = staging.resolve(path);
        try {
            folders.ensure(target.getParent());
            Files.write(target, bytes);
        } catch (IOException e) {
            throw WriteFailure.naming(target, e);
        }
    }

    private <T> void inParallel(List<T> items, ParallelIo.IoConsumer<T> action) throws IOException {
        parallel.forEach(items, action);
    }
}
