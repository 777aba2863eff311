package dev.zdd.plugin;

import java.util.Locale;
import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HashResult;
import dev.zdd.hasher.HasherConfig;
import dev.zdd.hasher.HashingException;
import dev.zdd.hasher.text.ByteSize;
import dev.zdd.hasher.report.Diagnostic;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * Copies a site folder into a staged release where every asset's name carries a hash of its content and every
 * reference to it is rewritten; writes {@code .zdd/manifest.json}. Runs without a project, on any folder.
 */
@Mojo(name = "hash", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, requiresProject = false, threadSafe = true)
public class HashMojo extends AbstractZddMojo {
    /** Where {@code zdd:check} finds the staged release when both run in one build. */
    static final String HASHED_DIRECTORY = "dev.zdd.hashedDirectory";

    /** The site folder to hash. */
    @Parameter(property = "zdd.siteDirectory", defaultValue = "${basedir}/src/main/site", required = true)
    File siteDirectory;

    /**
     * The staged release; replaced on every run (only if zdd wrote it, or it is empty). Default:
     * <code>${project.build.directory}/zdd/site</code>.
     */
    @Parameter(property = "zdd.outputDirectory")
    File outputDirectory;

    /** Globs of the files that get a content hash; the default covers CSS, JS, maps, images, fonts and media. */
    @Parameter(property = "zdd.assets")
    List<String> assets;

    /** Globs of assets that keep their names (favicon.ico, service workers, .well-known/ by default). */
    @Parameter(property = "zdd.excludes")
    List<String> excludes;

    /** Globs of files left out of the release (.DS_Store, .git/ by default). */
    @Parameter(property = "zdd.ignores")
    List<String> ignores;

    /** Globs of JSON files read as web app manifests. */
    @Parameter(property = "zdd.webManifests")
    List<String> webManifests;

    /** Hex characters of the hash in file names, 8 to 64. */
    @Parameter(property = "zdd.hashLength", defaultValue = "8")
    int hashLength;

    /** The URL path the site is served under, for root-relative URLs: {@code /} or {@code /docs/}. */
    @Parameter(property = "zdd.basePath", defaultValue = "/")
    String basePath;

    /** Absolute URL prefixes that mean this site ({@code https://example.com}), so og:image URLs are rewritten. */
    @Parameter(property = "zdd.siteOrigins")
    List<String> siteOrigins;

    /**
     * What to do with a reference to an asset that is not there, per group: {@code html=fail, css=warn}.
     * Groups: html, css, source-map, web-manifest, import-map; policies: fail, warn, keep, strip (source maps).
     * Default: warn, and strip for source maps.
     */
    @Parameter(property = "zdd.onMissing")
    String onMissing;

    /** Also write hashed assets under their original names, for URLs that do not come from the site. */
    @Parameter(property = "zdd.keepOriginals", defaultValue = "false")
    boolean keepOriginals;

    /**
     * Hard-link the files published unchanged (images, fonts, text with nothing to rewrite) from the site into the
     * staged release instead of copying them, where the file system allows: faster, but the staged release then
     * shares those files with the site, so writing either in place changes both. Off by default: build output
     * that aliases sources breaks the promise that a hashed name stands for fixed bytes.
     */
    @Parameter(property = "zdd.linkFiles", defaultValue = "false")
    boolean linkFiles;

    /** Threads reading and writing files; 0 means one per processor. */
    @Parameter(property = "zdd.threads", defaultValue = "0")
    int threads;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        HashResult result;
        try {
            result = new AssetHasher(config()).run();
        } catch (HashingException | IllegalArgumentException e) {
            throw new MojoFailureException("zdd:hash: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("zdd:hash could not read or write files: " + e.getMessage(), e);
        }
        for (Diagnostic warning : result.warnings()) {
            getLog().warn(warning.toString());
        }
        HashResult.Statistics s = result.statistics();
        getLog().info(String.format(Locale.ROOT,
                "zdd: hashed %d of %d files (%s), rewrote %d references%s in %d ms -> %s", s.hashed(), s.files(),
                ByteSize.format(s.bytesOut()), s.rewritten(), s.cycles() > 0 ? ", " + s.cycles() + " cycle(s)" : "",
                s.millis(), result.output()));
        if (project != null) {
            project.setContextValue(HASHED_DIRECTORY, result.output().toFile());
        }
    }

    HasherConfig config() {
        HasherConfig.Builder config = HasherConfig.builder(siteDirectory.toPath(),
                        BuildDirectory.orDefault(outputDirectory, project, "zdd/site"))
                .hashLength(hashLength).keepOriginals(keepOriginals).linkFiles(linkFiles)
                .site(SiteParameters.options(basePath, siteOrigins, null, ignores, webManifests));
        if (SiteParameters.present(assets)) {
            config.assets(assets);
        }
        // Maven hands an unset list parameter over as an empty list, so empty means "the default".
        if (SiteParameters.present(excludes)) {
            config.excludes(excludes);
        }
        if (onMissing != null) {
            config.missing(onMissing);
        }
        if (threads > 0) {
            config.threads(threads);
        }
        return config.build();
    }
}
