package dev.zdd.hasher;

import java.util.Locale;
import dev.zdd.hasher.refs.ParsedFile;
import dev.zdd.hasher.refs.Reference;
import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.ReportText;
import dev.zdd.hasher.report.Severity;
import dev.zdd.hasher.site.SiteFile;
import dev.zdd.hasher.site.SiteScanner;
import dev.zdd.hasher.site.SiteReader;
import dev.zdd.hasher.site.UrlResolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Resolves each reference of a text file and decides what hashing does with it. */
final class ReferencePlanner {
    private final HasherConfig config;
    private final UrlResolver resolver;
    private final SiteScanner scanner;
    private final Map<String, SiteFile> files;

    ReferencePlanner(HasherConfig config, UrlResolver resolver, SiteScanner scanner, Map<String, SiteFile> files) {
        this.config = config;
        this.resolver = resolver;
        this.scanner = scanner;
        this.files = files;
    }

    PlannedFile plan(SiteReader.ReadFile read, List<Diagnostic> diagnostics) {
        SiteFile file = read.file();
        ParsedFile parsed = read.parsed();
        List<PlannedFile.Rewrite> rewrites = new ArrayList<>();
        List<Reference> strips = new ArrayList<>();
        diagnostics.addAll(parsed.problems());
        for (Reference reference : parsed.references()) {
            UrlResolver.Target target = resolver.resolve(file.path(), parsed.baseHref(), reference.url());
            if (!target.isLocal() || target.directory()) {
                continue;
            }
            SiteFile found = files.get(target.path());
            if (found != null) {
                if (found.hashed()) {
                    rewrites.add(new PlannedFile.Rewrite(reference, found.path()));
                }
            } else if (scanner.isAsset(target.path())) {
                onMissing(reference, target.path(), strips, diagnostics);
            }
        }
        return PlannedFile.full(file, read.codec(), read.bytes(), rewrites, strips,
                parsed.text().length() == read.bytes().length);
    }

    private void onMissing(Reference reference, String path, List<Reference> strips, List<Diagnostic> diagnostics) {
        MissingPolicy policy = config.missing(reference.kind().group());
        String what = ReportText.quote(reference.url()) + " names " + ReportText.cut(path, ReportText.QUOTE_LIMIT)
                + ", which is not in the site";
        switch (policy) {
            case FAIL -> diagnostics.add(diagnostic(Severity.ERROR, reference, what));
            case WARN -> diagnostics.add(diagnostic(Severity.WARNING, reference, what + "; kept as written"));
            case KEEP -> {
            }
            case STRIP -> {
                if (reference.removable() != null) {
                    strips.add(reference);
                    diagnostics.add(diagnostic(Severity.WARNING, reference, what + "; the comment was removed"));
                } else {
                    diagnostics.add(diagnostic(Severity.WARNING, reference, what + "; kept as written"));
                }
            }
        }
    }

    private static Diagnostic diagnostic(Severity severity, Reference reference, String message) {
        return new Diagnostic(severity, "missing-target", reference.source(), reference.line(), reference.column(),
                reference.url(), message, "add the file, correct the URL, or set the "
                + reference.kind().group().name().toLowerCase(Locale.ROOT) + " missing policy to keep");
    }
}
