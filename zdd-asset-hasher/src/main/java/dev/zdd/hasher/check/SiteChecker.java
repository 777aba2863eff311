package dev.zdd.hasher.check;

import dev.zdd.hasher.site.FileType;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import dev.zdd.hasher.io.ParallelIo;
import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestJson;
import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.Severity;
import dev.zdd.hasher.site.Glob;
import dev.zdd.hasher.site.SiteFile;
import dev.zdd.hasher.site.SiteReader;
import dev.zdd.hasher.site.SiteScanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * Checks a release folder before it goes live: every reference resolves, every fragment names an anchor, and
 * sizes stay within their budgets and within their limits of growth since the baseline. Reads the same
 * references hashing rewrites; there is no second parser.
 */
public final class SiteChecker {
    private final CheckConfig config;

    public SiteChecker(CheckConfig config) {
        this.config = config;
    }

    public CheckResult check() throws IOException {
        long started = System.nanoTime();
        Path site = config.siteDirectory();
        if (!Files.isDirectory(site)) {
            throw new NoSuchFileException(site.toString(), null, "the folder to check does not exist");
        }
        SiteScanner scanner = new SiteScanner(Glob.all(config.ignores()), List.of(), List.of(),
                Glob.all(config.webManifests()));
        SiteScanner.Scan scan = scanner.scan(site, dir -> false);
        List<SiteFile> files = scan.files();
        List<Diagnostic> problems = new ArrayList<>();
        // A name that is not UTF-8 leaves its file unread: a file whose name could not be read.
        scan.problems().forEach(p -> problems.add(classify(p.code().equals(SiteScanner.UNREADABLE_NAME)
                ? ProblemKind.MALFORMED : ProblemKind.UNSAFE_LINK, p)));

        List<SiteReader.ReadFile> read;
        ForkJoinPool pool = new ForkJoinPool(config.threads());
        try {
            read = new SiteReader(new ParallelIo(pool)).read(files);
        } finally {
            pool.shutdown();
        }
        for (SiteReader.ReadFile file : read) {
            file.parsed().problems().forEach(p -> problems.add(classify(ProblemKind.MALFORMED, p)));
        }
        LinkCheck links = new LinkCheck(config, files, read);
        for (Diagnostic problem : links.run()) {
            problems.add(classify(ProblemKind.fromId(problem.code()), problem));
        }

        Map<String, String> sources = sourcesOf(site);
        SizeCheck sizes = new SizeCheck(config, files, sources);
        SizeReport sizeReport = sizes.run();
        for (Diagnostic problem : sizes.problems()) {
            problems.add(classify(ProblemKind.fromId(problem.code()), problem));
        }
        problems.sort(Diagnostic.IN_FILE_ORDER);

        List<ProblemKind> checks = new ArrayList<>(List.of(ProblemKind.BROKEN_LINK, ProblemKind.MISSING_ASSET,
                ProblemKind.BROKEN_FRAGMENT, ProblemKind.OUTSIDE_SITE, ProblemKind.MALFORMED,
                ProblemKind.UNSAFE_LINK));
        if (sizes.hasBudgets()) {
            checks.add(ProblemKind.SIZE_BUDGET);
        }
        if (sizeReport.hasBaseline()) {
            checks.add(ProblemKind.SIZE_REGRESSION);
        }
        int pages = (int) files.stream().filter(f -> f.type() == FileType.PAGE).count();
        return new CheckResult(site, checks, problems, sizeReport, new CheckResult.Statistics(files.size(), pages,
                links.referencesChecked(), (System.nanoTime() - started) / 1_000_000));
    }

    /** A staged release maps its hashed names back to site paths, so sizes compare file by file across releases. */
    private static Map<String, String> sourcesOf(Path site) throws IOException {
        Path manifest = site.resolve(Manifest.LOCATION);
        if (!Files.isRegularFile(manifest)) {
            return Map.of();
        }
        Map<String, String> sources = new HashMap<>();
        ManifestJson.read(manifest).files().forEach((path, entry) -> sources.put(path, entry.source()));
        return sources;
    }

    private Diagnostic classify(ProblemKind kind, Diagnostic problem) {
        return new Diagnostic(config.fails(kind) ? Severity.ERROR : Severity.WARNING, kind.id(), problem.file(),
                problem.line(), problem.column(), problem.target(), problem.message(), problem.hint());
    }
}
