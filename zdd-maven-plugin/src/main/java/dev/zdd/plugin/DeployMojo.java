package dev.zdd.plugin;

import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.SymlinkPublisher;
import dev.zdd.deploy.fleet.AfterSwitchCheck;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Uploads the staged release into a new release folder (releases/ID/) on the target while the live one keeps
 * serving, verifies it there, swaps {@code current} atomically, logs and prunes. Any failure before the swap leaves
 * the site as it was. With several targets, every host is prepared before any switches, all switch together, and a
 * failure on one switches the others back.
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, requiresProject = false, threadSafe = true)
public class DeployMojo extends AbstractDeployMojo {
    /** The release to deploy. Default: the output of zdd:hash in this build, else ${project.build.directory}/zdd/site. */
    @Parameter(property = "zdd.stagedDirectory")
    File stagedDirectory;

    /** Recent releases whose hashed assets the new release keeps serving, for pages already open in browsers. */
    @Parameter(property = "zdd.carryOver", defaultValue = "2")
    int carryOver;

    /**
     * URLs, one per target in the targets' order, that reach each host itself (not a load balancer), asked after
     * the switch: each must answer 2xx with the release's bytes for that page, and send the cache headers a
     * release needs. Comma-separated. Default: no smoke checks.
     */
    @Parameter(property = "zdd.smokeUrls")
    List<String> smokeUrls;

    /** How long each host may take to pass its smoke check (retried until then): {@code 30s}. */
    @Parameter(property = "zdd.smokeTimeout", defaultValue = "30s")
    String smokeTimeout;

    /** {@code bytes}: a page must be the release's file, byte for byte; {@code status}: a 2xx is enough. */
    @Parameter(property = "zdd.smokeCompare", defaultValue = "bytes")
    String smokeCompare;

    /** Check Cache-Control in the smoke check: pages revalidated ({@code no-cache}), a hashed asset immutable. */
    @Parameter(property = "zdd.smokeCacheHeaders", defaultValue = "true")
    boolean smokeCacheHeaders;

    /** When a smoke check fails: {@code rollback} every host to the release before (and fail), or {@code warn}. */
    @Parameter(property = "zdd.smokeFailure", defaultValue = "rollback")
    String smokeFailure;

    /** The URL path the site is served under, to map a smoke URL to the release's file: {@code /} or {@code /docs/}. */
    @Parameter(property = "zdd.basePath", defaultValue = "/")
    String basePath;

    /** File names that serve a folder URL such as {@code docs/}, tried in order (for smoke URLs). */
    @Parameter(property = "zdd.indexFiles", defaultValue = "index.html")
    List<String> indexFiles;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        String id = releaseId();
        DeployOptions options = options(id, carryOver, "zdd:deploy");
        List<String> names = targetList();
        AfterSwitchCheck check = SmokeParameters.check("zdd:deploy", smokeUrls, smokeTimeout, smokeCompare,
                smokeCacheHeaders, basePath, indexFiles, names.size());
        AfterSwitchCheck.OnFailure onFailure = onSmokeFailure();
        Path staged = staged();
        if (!Files.isDirectory(staged)) {
            // Checked before connecting, so a missing folder touches nothing on the target (no lock, no log line).
            throw new MojoFailureException("zdd:deploy: nothing to deploy: " + staged + " is not a folder; run zdd:hash"
                    + " first (mvn package) or set zdd.stagedDirectory");
        }
        deployFleet("deploy", names, StagedRelease.readInBackground(staged), options,
                (index, host, listener) -> new SymlinkPublisher(host.transport(), host.layout()), check, onFailure,
                null);
    }

    private AfterSwitchCheck.OnFailure onSmokeFailure() throws MojoFailureException {
        return switch (smokeFailure.strip().toLowerCase(Locale.ROOT)) {
            case "rollback" -> AfterSwitchCheck.OnFailure.ROLLBACK;
            case "warn" -> AfterSwitchCheck.OnFailure.WARN;
            default -> throw new MojoFailureException("zdd:deploy: zdd.smokeFailure must be rollback or warn, was '"
                    + smokeFailure + "'");
        };
    }

    private Path staged() {
        if (stagedDirectory != null) {
            return stagedDirectory.toPath();
        }
        Object hashed = project == null ? null : project.getContextValue(HashMojo.HASHED_DIRECTORY);
        return hashed instanceof File file ? file.toPath() : BuildDirectory.of(project).resolve("zdd/site");
    }
}
