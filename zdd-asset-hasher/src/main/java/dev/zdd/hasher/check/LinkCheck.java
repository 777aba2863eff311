package dev.zdd.hasher.check;

import dev.zdd.hasher.refs.Reference;
import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.Severity;
import dev.zdd.hasher.site.FileType;
import dev.zdd.hasher.site.SiteFile;
import dev.zdd.hasher.site.SiteReader;
import dev.zdd.hasher.site.UrlResolver;
import dev.zdd.hasher.text.PercentEncoding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.zdd.hasher.report.ReportText.QUOTE_LIMIT;
import static dev.zdd.hasher.report.ReportText.cut;
import static dev.zdd.hasher.report.ReportText.quote;

/** Resolves every reference of a release: its target must exist, and a link's fragment must name an anchor. */
final class LinkCheck {
    private final CheckConfig config;
    private final UrlResolver resolver;
    private final Set<String> paths = new HashSet<>();
    private final Set<String> folders = new HashSet<>();
    private final Map<String, Set<String>> anchors = new HashMap<>();
    private final List<SiteReader.ReadFile> read;
    private final List<Pattern> ignoreUrls;
    private int referencesChecked;

    LinkCheck(CheckConfig config, List<SiteFile> files, List<SiteReader.ReadFile> read) {
        this.config = config;
        this.resolver = new UrlResolver(config.basePath(), config.siteOrigins());
        this.read = read;
        this.ignoreUrls = config.ignoreUrls().stream().map(Pattern::compile).toList();
        for (SiteFile file : files) {
            paths.add(file.path());
            for (int slash = file.path().indexOf('/'); slash >= 0; slash = file.path().indexOf('/', slash + 1)) {
                folders.add(file.path().substring(0, slash));
            }
        }
        folders.add("");
        for (SiteReader.ReadFile file : read) {
            if (file.file().type() == FileType.PAGE) {
                anchors.put(file.file().path(), file.parsed().anchors());
            }
        }
    }

    int referencesChecked() {
        return referencesChecked;
    }

    /** Problems with their kind's id as code; severity is decided by the caller. */
    List<Diagnostic> run() {
        List<Diagnostic> problems = new ArrayList<>();
        for (SiteReader.ReadFile file : read) {
            for (Reference reference : file.parsed().references()) {
                if (!ignored(reference.url())) {
                    referencesChecked++;
                    check(file.file(), file.parsed().baseHref(), reference, problems);
                }
            }
        }
        return problems;
    }

    private boolean ignored(String url) {
        for (Pattern pattern : ignoreUrls) {
            if (pattern.matcher(url).find()) {
                return true;
            }
        }
        return false;
    }

    private void check(SiteFile source, String baseHref, Reference reference, List<Diagnostic> problems) {
        String url = reference.url().strip();
        if (url.startsWith("#") && baseHref == null) {
            if (reference.kind().isNavigation() && source.type() == FileType.PAGE) {
                checkFragment(source.path(), PercentEncoding.decode(url.substring(1)), reference, problems);
            }
            return;
        }
        UrlResolver.Target target = resolver.resolve(source.path(), baseHref, url);
        switch (target.kind()) {
            case EXTERNAL -> {
            }
            case OUTSIDE -> problems.add(problem(ProblemKind.OUTSIDE_SITE, reference, quote(reference.url())
                            + " is outside the site's base path " + resolver.basePath(),
                    "set basePath to the path the site is served under, or make the URL relative"));
            case LOCAL -> {
                String found = find(target);
                if (found == null) {
                    boolean link = reference.kind().isNavigation();
                    String what = target.path().isEmpty() ? "the site root" : cut(target.path(), QUOTE_LIMIT);
                    String message = folders.contains(target.path())
                            ? quote(reference.url()) + " names the folder " + what + ", which has no "
                            + String.join(" or ", config.indexFiles())
                            : quote(reference.url()) + " names " + what + ", which is not in the release";
                    problems.add(problem(link ? ProblemKind.BROKEN_LINK : ProblemKind.MISSING_ASSET, reference,
                            message, link ? "create the page or correct the link"
                                    : "add the file to the site or correct the URL"));
                } else if (target.fragment() != null && reference.kind().isNavigation()
                        && anchors.containsKey(found)) {
                    checkFragment(found, target.fragment(), reference, problems);
                }
            }
        }
    }

    /** The file a local target is served from: itself, or a folder's index file. */
    private String find(UrlResolver.Target target) {
        String path = target.path();
        if (!target.directory() && paths.contains(path)) {
            return path;
        }
        if (folders.contains(path)) {
            for (String index : config.indexFiles()) {
                String candidate = path.isEmpty() ? index : path + "/" + index;
                if (paths.contains(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private void checkFragment(String page, String fragment, Reference reference, List<Diagnostic> problems) {
        // Browsers scroll to the top for an empty fragment and for "top"; ":~:" starts a text fragment.
        if (fragment.isEmpty() || fragment.equalsIgnoreCase("top") || fragment.startsWith(":~:")) {
            return;
        }
        if (!anchors.get(page).contains(fragment)) {
            problems.add(problem(ProblemKind.BROKEN_FRAGMENT, reference, quote(reference.url()) + ": " + page
                            + " has no element with id or name " + quote(fragment),
                    "add id=\"" + cut(fragment, QUOTE_LIMIT) + "\" to an element of " + page
                            + " or correct the fragment"));
        }
    }

    private static Diagnostic problem(ProblemKind kind, Reference reference, String message, String hint) {
        return new Diagnostic(Severity.ERROR, kind.id(), reference.source(), reference.line(), reference.column(),
                reference.url(), message, hint);
    }
}
