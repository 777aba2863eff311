package dev.zdd.plugin;

import dev.zdd.deploy.LiveReleaseBaseline;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.hasher.check.CheckConfig;
import dev.zdd.hasher.check.CheckConsoleReport;
import dev.zdd.hasher.check.CheckReports;
import dev.zdd.hasher.check.CheckResult;
import dev.zdd.hasher.check.GrowthLimit;
import dev.zdd.hasher.check.ManifestFileBaseline;
import dev.zdd.hasher.check.ProblemKind;
import dev.zdd.hasher.check.SiteChecker;
import dev.zdd.hasher.text.ByteSize;
import dev.zdd.hasher.manifest.InvalidManifestException;
import dev.zdd.hasher.manifest.Manifest;
import dev.zdd.hasher.manifest.ManifestJson;
import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.Severity;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a release before it goes live: broken links, missing assets, fragments, size budgets and growth since a
 * baseline. Fails the build on problems of the kinds in {@code failOn}; writes check.json, JUnit XML and
 * check.html. Runs without a project, on any folder.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class CheckMojo extends AbstractTargetMojo {
    /** A first deploy's check against the live release finds no deploy root yet: no baseline, not an error. */
    @Override
    boolean createsTarget() {
        return true;
    }

    /** Problems listed in the failure message; the reports have them all. */
    private static final int LISTED_IN_FAILURE = 10;

    /** The folder to check. When {@code zdd:hash} ran earlier in the same build, its output is checked instead. */
    @Parameter(property = "zdd.siteDirectory", defaultValue = "${basedir}/src/main/site", required = true)
    File siteDirectory;

    /**
     * What to compare sizes with: a manifest.json or a release folder holding one, or {@code live} for the release
     * live on {@code zdd.target} now (nothing to compare before the first deploy).
     */
    @Parameter(property = "zdd.baseline")
    String baseline;

    /** Where check.json, TEST-zdd-check.xml and check.html go. Default: <code>${project.build.directory}/zdd</code>. */
    @Parameter(property = "zdd.reportDirectory")
    File reportDirectory;

    /**
     * Kinds of problem that fail the build (the rest warn), comma-separated, or {@code all} / {@code none}:
     * broken-link, missing-asset, broken-fragment, outside-site, malformed, unsafe-link, size-budget,
     * size-regression.
     */
    @Parameter(property = "zdd.failOn",
            defaultValue = "broken-link,missing-asset,broken-fragment,unsafe-link,size-budget,size-regression")
    String failOn;

    /** The most the whole release may weigh: {@code 5MB}, {@code 800KiB}. */
    @Parameter(property = "zdd.maxTotalSize")
    String maxTotalSize;

    /** The most each type may total: {@code js=300KB, css=50KB}. Types: html, css, js, images, fonts, other. */
    @Parameter(property = "zdd.maxTypeSizes")
    String maxTypeSizes;

    /** The most any one file matching a glob may weigh: {@code **}{@code /*.js=200KB, img/**=500KB}. */
    @Parameter(property = "zdd.maxFileSizes")
    String maxFileSizes;

    /** How much the release may grow over the baseline: {@code 10%}, {@code 200KB}, or {@code 10%+200KB}. */
    @Parameter(property = "zdd.maxGrowth")
    String maxGrowth;

    /** How much each type may grow over the baseline: {@code js=5%, css=10%+20KB}. */
    @Parameter(property = "zdd.maxTypeGrowth")
    String maxTypeGrowth;

    /** How many of the most-grown files the reports list. */
    @Parameter(property = "zdd.topFiles", defaultValue = "10")
    int topFiles;

    /** File names that serve a folder URL such as {@code docs/}, tried in order. */
    @Parameter(property = "zdd.indexFiles", defaultValue = "index.html")
    List<String> indexFiles;

    /** Regular expressions of URLs never reported, such as {@code ^/api/}. */
    @Parameter(property = "zdd.ignoreUrls")
    List<String> ignoreUrls;

    /** The URL path the site is served under: {@code /} or {@code /docs/}. */
    @Parameter(property = "zdd.basePath", defaultValue = "/")
    String basePath;

    /**
     * Globs of JSON files read as web app manifests, whose icons and screenshots are checked like links; as for
     * zdd:hash. Default: {@code **}{@code /*.webmanifest, **}{@code /manifest.json}.
     */
    @Parameter(property = "zdd.webManifests")
    List<String> webManifests;

    /** Absolute URL prefixes that mean this site, so absolute links to it are checked too. */
    @Parameter(property = "zdd.siteOrigins")
    List<String> siteOrigins;

    /** Threads reading files; 0 means one per processor. */
    @Parameter(property = "zdd.threads", defaultValue = "0")
    int threads;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        CheckResult result;
        Path reports = BuildDirectory.orDefault(reportDirectory, project, "zdd");
        boolean live = "live".equalsIgnoreCase(baseline == null ? "" : baseline.trim());
        // A fleet's hosts serve the same release: the first one's is the baseline.
        String first = live ? targetList().get(0) : null;
        try (Transport transport = live ? openTransport(first) : null) {
            CheckConfig.Builder config = config();
            if (live) {
                config.baseline(new LiveReleaseBaseline(transport, layout(first)));
            }
            result = new SiteChecker(config.build()).check();
            CheckReports.write(result, reports);
        } catch (IllegalArgumentException | InvalidManifestException e) {
            throw new MojoFailureException("zdd:check: " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new MojoFailureException("zdd:check: " + e.getFile() + ": " + e.getReason(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("zdd:check could not read or write files: " + e.getMessage(), e);
        }
        for (String line : CheckConsoleReport.lines(result)) {
            if (result.failed()) {
                getLog().error(line);
            } else {
                getLog().info(line);
            }
        }
        getLog().info("zdd: reports in " + reports + " (check.html, check.json, "
                + CheckReports.JUNIT + ")");
        if ("true".equals(System.getenv("GITHUB_ACTIONS"))) {
            // Workflow commands must start their line, so they bypass the Maven log's prefix.
            CheckConsoleReport.githubAnnotations(result, this::repositoryPath).forEach(System.out::println);
        }
        if (result.failed()) {
            List<Diagnostic> errors = result.problems().stream().filter(p -> p.severity() == Severity.ERROR)
                    .toList();
            throw new MojoFailureException("zdd:check found " + errors.size() + " problem(s) in " + checkedFolder()
                    + "; see " + reports.resolve(CheckReports.HTML) + "\n" + errors.stream()
                    .limit(LISTED_IN_FAILURE).map(d -> "  " + d).collect(Collectors.joining("\n"))
                    + (errors.size() > LISTED_IN_FAILURE ? "\n  ..." : ""));
        }
    }

    /** The staged release of a {@code zdd:hash} earlier in this build, or else {@code siteDirectory}. */
    Path checkedFolder() {
        Object hashed = project == null ? null : project.getContextValue(HashMojo.HASHED_DIRECTORY);
        return hashed instanceof File file ? file.toPath() : siteDirectory.toPath();
    }

    CheckConfig.Builder config() {
        CheckConfig.Builder config = CheckConfig.builder(checkedFolder())
                .failOn(ProblemKind.parseSet(failOn)).topFiles(topFiles)
                .site(SiteParameters.options(basePath, siteOrigins, indexFiles, null, webManifests))
                .maxTypeSizes(maxTypeSizes).maxFileSizes(maxFileSizes).maxTypeGrowth(maxTypeGrowth);
        if (SiteParameters.present(ignoreUrls)) {
            config.ignoreUrls(ignoreUrls);
        }
        if (maxTotalSize != null) {
            config.maxTotalSize(ByteSize.parse(maxTotalSize));
        }
        if (baseline != null && !baseline.isBlank() && !"live".equalsIgnoreCase(baseline.trim())) {
            Path base = BuildDirectory.basedir(project);
            config.baseline(new ManifestFileBaseline(base.resolve(baseline.trim())));
        }
        if (maxGrowth != null) {
            config.maxGrowth(GrowthLimit.parse(maxGrowth));
        }
        if (threads > 0) {
            config.threads(threads);
        }
        return config;
    }

    /** Annotations point at the source file in the repository, not at its hashed copy. */
    private String repositoryPath(String releasePath) {
        Path folder = checkedFolder();
        Map<String, String> sources = new HashMap<>();
        try {
            Path manifest = folder.resolve(Manifest.LOCATION);
            if (manifest.toFile().isFile()) {
                ManifestJson.read(manifest).files().forEach((path, entry) -> sources.put(path, entry.source()));
                folder = siteDirectory.toPath();
            }
        } catch (IOException | InvalidManifestException e) {
            getLog().debug("zdd: no manifest to map annotations back to sources: " + e.getMessage());
        }
        Path base = BuildDirectory.basedir(project);
        Path file = folder.toAbsolutePath().resolve(sources.getOrDefault(releasePath, releasePath));
        return file.startsWith(base) ? base.relativize(file).toString() : file.toString();
    }
}
