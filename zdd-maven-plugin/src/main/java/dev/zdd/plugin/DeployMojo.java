package dev.zdd.plugin;

import dev.zdd.deploy.AlertWebhook;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.DeployPlan;
import dev.zdd.deploy.Deployer;
import dev.zdd.deploy.ReleaseId;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.transport.Transport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Uploads the staged release into {@code releases/<id>/} on the target while the live one keeps serving, verifies
 * it there, swaps {@code current} atomically, logs and prunes. Any failure before the swap leaves the site as it
 * was.
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, requiresProject = false, threadSafe = true)
public class DeployMojo extends AbstractTargetMojo {
    /** The release to deploy. Default: the output of zdd:hash in this build, else ${project.build.directory}/zdd/site. */
    @Parameter(property = "zdd.stagedDirectory")
    File stagedDirectory;

    /** The new release's id. Default: UTC time and the short git SHA, e.g. 20261124T061500.123Z-3f2a1b4. */
    @Parameter(property = "zdd.release")
    String release;

    /** Complete releases that were live to keep (the new one included); current and the previous are always kept. */
    @Parameter(property = "zdd.keepReleases", defaultValue = "5")
    int keepReleases;

    /** Recent releases whose hashed assets the new release keeps serving, for pages already open in browsers. */
    @Parameter(property = "zdd.carryOver", defaultValue = "2")
    int carryOver;

    /** Print the plan from the server's real state (what to send, link, prune) and change nothing. */
    @Parameter(property = "zdd.dryRun", defaultValue = "false")
    boolean dryRun;

    /**
     * Also hash every sent file on the server and compare it with the manifest (sizes are always compared).
     * Costs a read of everything sent; SSH already protects the bytes in transit.
     */
    @Parameter(property = "zdd.verifyDigests", defaultValue = "false")
    boolean verifyDigests;

    /** A Slack-compatible webhook URL to post to when a deploy fails. */
    @Parameter(property = "zdd.alertWebhook")
    String alertWebhook;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        String id = release != null ? release : ReleaseId.generate(Instant.now(), actor().gitSha());
        DeployOptions options;
        try {
            options = new DeployOptions(id, keepReleases, carryOver, lease(), waitForLock(), dryRun, verifyDigests);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("zdd:deploy: " + e.getMessage(), e);
        }
        StagedRelease.Reading reading = StagedRelease.readInBackground(staged());
        try (Transport transport = openTransport()) {
            DeployPlan plan = new Deployer(transport, layout(), actor(), listener()).deploy(reading, options);
            if (dryRun) {
                getLog().info("zdd: dry run, nothing changed on " + transport.describe() + ":");
                plan.summary().forEach(line -> getLog().info("  " + line));
                plan.send().stream().limit(50).forEach(path -> getLog().info("  send " + path));
                plan.prune().forEach(old -> getLog().info("  prune " + old));
            }
        } catch (DeployException e) {
            alert(e, id);
            throw new MojoFailureException("zdd:deploy: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("zdd:deploy: " + e.getMessage(), e);
        }
    }

    private Path staged() {
        if (stagedDirectory != null) {
            return stagedDirectory.toPath();
        }
        Object hashed = project == null ? null : project.getContextValue(HashMojo.HASHED_DIRECTORY);
        return hashed instanceof File file ? file.toPath() : BuildDirectory.of(project).resolve("zdd/site");
    }

    private void alert(DeployException e, String id) {
        if (alertWebhook == null || alertWebhook.isBlank()) {
            return;
        }
        try {
            int status = new AlertWebhook(alertWebhook).send(AlertWebhook.failure("deploy", target, id, e));
            if (status / 100 != 2) {
                getLog().warn("zdd: the alert webhook answered HTTP " + status);
            }
        } catch (IOException | IllegalArgumentException failure) {
            getLog().warn("zdd: could not call the alert webhook: " + failure.getMessage());
        }
    }
}
