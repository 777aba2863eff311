package dev.zdd.hasher;

import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestJson;
import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.Severity;
import dev.zdd.hasher.site.Glob;
import dev.zdd.hasher.site.SiteFile;
import dev.zdd.hasher.site.SiteScanner;
import dev.zdd.hasher.site.UrlResolver;

import dev.zdd.hasher.io.ParallelIo;
import dev.zdd.hasher.io.WriteFailure;
import dev.zdd.hasher.site.SiteReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a site folder into a staged release: assets renamed with a hash of their final content, every reference
 * to them rewritten, and a manifest at {@value Manifest#LOCATION}. Nothing is written unless the whole run
 * succeeds; the output folder is replaced in one rename at the end.
 */
public final class AssetHasher {
    /**
     * Plans of text files that hashing changes keep their bytes and references from reading to writing until they
     * take about this share of the heap (one read and one parse each); past it, files are read and parsed again
     * when written, so 100,000 files hash in a 512 MB heap.
     */
    private static final int KEPT_TEXT_SHARE = 4;
    private final HasherConfig config;
    private final long keptText;
    private final SiteScanner scanner;
    private final UrlResolver resolver;

    public AssetHasher(HasherConfig config) {
        this(config, Runtime.getRuntime().maxMemory() / KEPT_TEXT_SHARE);
    }

    /** @param keptText heap for full plans, in bytes; tests give 0 to have every file read and planned again */
    AssetHasher(HasherConfig config, long keptText) {
        this.keptText = keptText;
        this.config = config;
        this.scanner = new SiteScanner(Glob.all(config.ignores()), Glob.all(config.assets()),
                Glob.all(config.excludes()), Glob.all(config.webManifests()));
        this.resolver = new UrlResolver(config.basePath(), config.siteOrigins());
    }

    public HashResult run() throws HashingException, IOException {
        long started = System.nanoTime();
        checkFolders();
        SiteScanner.Scan scan = scanner.scan(config.siteDirectory(), dir -> false);
        if (!scan.problems().isEmpty()) {
            throw new HashingException("the site folder cannot be published", scan.problems());
        }
        List<SiteFile> files = scan.files();
        Map<String, SiteFile> byPath = files.stream().collect(Collectors.toMap(SiteFile::path, Function.identity()));

        ForkJoinPool pool = new ForkJoinPool(config.threads());
        try (Staging staging = Staging.beside(config.outputDirectory())) {
            ParallelIo parallel = new ParallelIo(pool);
            ReferencePlanner planner = new ReferencePlanner(config, resolver, scanner, byPath);
            // A light plan is made again when its file is written; what it finds was reported the first time.
            ReleaseWriter writer = new ReleaseWriter(config, staging.folder(), parallel, reservedNames(files),
                    file -> planner.plan(SiteReader.read(file), new ArrayList<>()));
            AtomicLong room = new AtomicLong(keptText);
            // Files are read and planned at once, so a file's text and parse tree die as soon as its plan exists.
            // Binary assets, and text files hashing changes nothing in, depend on nothing: they are placed (and
            // named) now, while other files are parsed, so the disk and the processors work at the same time.
            List<Planned> read = parallel.map(files, file -> {
                if (!file.type().isText()) {
                    if (file.hashed()) {
                        writer.copyHashed(file);
                    }
                    return null;
                }
                List<Diagnostic> found = new ArrayList<>();
                PlannedFile plan = planner.plan(SiteReader.read(file), found);
                if (plan.unchanged()) {
                    if (file.hashed()) {
                        writer.copyHashed(file);
                    }
                    return new Planned(null, found);
                }
                return new Planned(room.addAndGet(-plan.weight()) >= 0 ? plan : plan.light(), found);
            });
            List<Diagnostic> diagnostics = new ArrayList<>();
            Map<String, PlannedFile> planned = new HashMap<>();
            for (Planned p : read) {
                if (p != null) {
                    diagnostics.addAll(p.diagnostics());
                    if (p.plan() != null) {
                        planned.put(p.plan().file().path(), p.plan());
                    }
                }
            }
            diagnostics.sort(Diagnostic.IN_FILE_ORDER);
            List<Diagnostic> errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
            if (!errors.isEmpty()) {
                throw new HashingException(errors.size() + " reference(s) name files that do not exist; nothing"
                        + " was written", errors);
            }
            writer.write(files, planned);
            Staging.deleteTree(staging.folder().resolve(".zdd/partial"));
            Manifest manifest = new Manifest(new TreeMap<>(writer.paths()), new TreeMap<>(writer.written()));
            Path manifestFile = staging.folder().resolve(Manifest.LOCATION);
            try {
                ManifestJson.write(manifest, manifestFile);
            } catch (IOException e) {
                throw WriteFailure.naming(manifestFile, e);
            }
            staging.publish();
            long bytesIn = files.stream().mapToLong(SiteFile::size).sum();
            HashResult.Statistics statistics = new HashResult.Statistics(files.size(),
                    (int) files.stream().filter(SiteFile::hashed).count(), writer.rewritten(), writer.cycles(),
                    bytesIn, manifest.totalSize(), (System.nanoTime() - started) / 1_000_000);
            return new HashResult(config.outputDirectory(), manifest, diagnostics, statistics);
        } catch (ReleaseWriter.NoFreeNameException e) {
            throw new HashingException("a hashed asset has no free name; nothing was written", List.of(
                    new Diagnostic(Severity.ERROR, "no-free-name", e.path(), 0, 0, "", e.getMessage(),
                            "rename the files that keep their names, or exclude fewer files from hashing")));
        } finally {
            pool.shutdown();
        }
    }

    /** One text file's plan (null: published as it is) and the problems found in it, in text order. */
    private record Planned(PlannedFile plan, List<Diagnostic> diagnostics) {
    }

    /** Output paths that hashed names must not take: files that keep their names. */
    private Set<String> reservedNames(List<SiteFile> files) {
        Set<String> reserved = new HashSet<>();
        for (SiteFile file : files) {
            if (!file.hashed() || config.keepOriginals()) {
                reserved.add(file.path());
            }
        }
        return reserved;
    }

    private void checkFolders() throws HashingException, IOException {
        Path site = config.siteDirectory();
        Path output = config.outputDirectory();
        if (!Files.isDirectory(site)) {
            throw new HashingException("the site folder " + site + " does not exist or is not a folder", List.of());
        }
        Path realSite = site.toRealPath();
        Path realOutput = Files.exists(output) ? output.toRealPath() : output;
        if (realOutput.startsWith(realSite)) {
            throw new HashingException("the output folder " + output + " is inside the site folder " + site
                    + "; choose one outside it (the default is under target/)", List.of());
        }
        if (realSite.startsWith(realOutput)) {
            throw new HashingException("the site folder " + site + " is inside the output folder " + output
                    + ", which is replaced on every run", List.of());
        }
        if (Files.exists(output)) {
            boolean ours = Files.isRegularFile(output.resolve(Manifest.LOCATION));
            boolean empty;
            try (Stream<Path> entries = Files.list(output)) {
                empty = entries.findAny().isEmpty();
            }
            if (!ours && !empty) {
                throw new HashingException("the output folder " + output + " has files zdd did not write (no "
                        + Manifest.LOCATION + "); refusing to replace it", List.of());
            }
        }
    }
}
