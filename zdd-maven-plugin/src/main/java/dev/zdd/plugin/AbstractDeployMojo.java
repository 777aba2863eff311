package dev.zdd.plugin;

import dev.zdd.deploy.AlertWebhook;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.DeployPlan;
import dev.zdd.deploy.ReleaseId;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.Publisher;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.fleet.AfterSwitchCheck;
import dev.zdd.deploy.fleet.DeploySummary;
import dev.zdd.deploy.fleet.FleetDeploy;
import dev.zdd.deploy.fleet.FleetHost;
import dev.zdd.deploy.fleet.SharedSwitch;
import dev.zdd.deploy.transport.Transport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** What the goals that create a release share, a site's ({@code zdd:deploy}) or an app's ({@code zdd:deploy-app}). */
abstract class AbstractDeployMojo extends AbstractLockingMojo {
    /** The new release's id. Default: UTC time and the short git SHA, e.g. 20261124T061500.123Z-3f2a1b4. */
    @Parameter(property = "zdd.release")
    String release;

    /** Complete releases that were live to keep (the new one included); current and the previous are always kept. */
    @Parameter(property = "zdd.keepReleases", defaultValue = "5")
    int keepReleases;

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

    /**
     * A file to append a Markdown summary of the deploy to (release, hosts, files sent, timings). On GitHub
     * Actions it is {@code $GITHUB_STEP_SUMMARY}, shown on the run's page.
     */
    @Parameter(property = "zdd.stepSummary", defaultValue = "${env.GITHUB_STEP_SUMMARY}")
    File stepSummary;

    @Override
    boolean createsTarget() {
        return true;
    }

    @Override
    boolean publishesReleases() {
        return true;
    }

    String releaseId() {
        return release != null ? release : ReleaseId.generate(Instant.now(), actor().gitSha());
    }

    DeployOptions options(String id, int carryOver, String goal) throws MojoFailureException {
        try {
            return new DeployOptions(id, keepReleases, carryOver, lease(), waitForLock(), dryRun, verifyDigests);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(goal + ": " + e.getMessage(), e);
        }
    }

    void printDryRun(DeployPlan plan, String where) {
        getLog().info("zdd: dry run, nothing changed on " + where + ":");
        plan.summary().forEach(line -> getLog().info("  " + line));
        plan.send().stream().limit(50).forEach(path -> getLog().info("  send " + path));
        plan.prune().forEach(old -> getLog().info("  prune " + old));
    }

    /**
     * Opens the target; a failure to connect or log in (a refused key, a changed host key) alerts like any failed
     * deploy, since a deploy that cannot reach its server has failed too.
     */
    Transport openAlerting(String action, String id) throws MojoFailureException {
        try {
            return openTransport();
        } catch (MojoFailureException e) {
            alert(action, id, new DeployException(Stage.STARTED, e.getMessage(), e));
            throw e;
        }
    }

    /** How a release goes live on one host of the fleet (its index in the targets' order, its connection). */
    interface PublisherFor {
        Publisher publisher(int index, Opened host, DeployListener listener) throws IOException, DeployException;
    }

    /** The switch the fleet's hosts share (a load balancer in front of app hosts), built once they are open. */
    interface SharedFor {
        SharedSwitch shared(List<FleetHost> hosts);
    }

    /**
     * The deploy goals' run: opens every target, prepares, switches and checks them through the fleet engine
     * (a fleet of one is a plain deploy), prints a dry run's plan or writes the step summary, alerts and maps the
     * failures.
     */
    void deployFleet(String action, List<String> names, StagedRelease.Reading reading, DeployOptions options,
                     PublisherFor publishers, AfterSwitchCheck check, AfterSwitchCheck.OnFailure onFailure,
                     SharedFor shared) throws MojoExecutionException, MojoFailureException {
        String id = options.releaseId();
        String goal = "zdd:" + action;
        ExecutorService executor = hostExecutor(names.size());
        List<Opened> opened = List.of();
        try {
            opened = openAlerting(names, executor, action, id);
            List<FleetHost> hosts = new ArrayList<>();
            for (int i = 0; i < opened.size(); i++) {
                Opened one = opened.get(i);
                DeployListener listener = listener(opened.size() == 1 ? "" : one.name());
                hosts.add(new FleetHost(one.name(), one.transport(), one.layout(),
                        publishers.publisher(i, one, listener), listener));
            }
            FleetDeploy.Result result = new FleetDeploy(hosts, actor(), executor, check, onFailure,
                    line -> getLog().info(line), shared == null ? null : shared.shared(hosts)).deploy(reading, options);
            if (dryRun) {
                boolean single = hosts.size() == 1;
                String only = hosts.get(0).transport().describe();
                result.plans().forEach((host, plan) -> printDryRun(plan, single ? only : host));
            } else {
                writeStepSummary(DeploySummary.markdown(result, actor()));
            }
        } catch (DeployException e) {
            alert(action, id, e);
            writeStepSummary(DeploySummary.failureMarkdown(id, e));
            throw new MojoFailureException(goal + ": " + e.getMessage(), e);
        } catch (IOException e) {
            alert(action, id, new DeployException(Stage.FAILED, e.getMessage(), e));
            throw new MojoExecutionException(goal + ": " + e.getMessage(), e);
        } finally {
            closeAll(opened);
            executor.shutdownNow();
        }
    }

    /** Opens every target of a fleet at once; a failure to reach any alerts and opens none. */
    List<Opened> openAlerting(List<String> names, ExecutorService executor, String action, String id)
            throws MojoFailureException {
        try {
            return openAll(names, executor);
        } catch (MojoFailureException e) {
            alert(action, id, new DeployException(Stage.STARTED, e.getMessage(), e));
            throw e;
        }
    }

    /** Posts the failure to the alert webhook, if one is set; never fails the build for it. */
    void alert(String action, String id, DeployException e) {
        if (alertWebhook == null || alertWebhook.isBlank()) {
            return;
        }
        try {
            int status = new AlertWebhook(alertWebhook).send(AlertWebhook.failure(action, target, id, e));
            if (status / 100 != 2) {
                getLog().warn("zdd: the alert webhook answered HTTP " + status);
            }
        } catch (IOException | IllegalArgumentException failure) {
            getLog().warn("zdd: could not call the alert webhook: " + failure.getMessage());
        }
    }

    /** Appends to the step summary file, if there is one; never fails the deploy for it. */
    void writeStepSummary(String markdown) {
        if (stepSummary == null || stepSummary.getPath().isBlank() || stepSummary.getPath().startsWith("${")) {
            return;
        }
        try {
            Files.writeString(stepSummary.toPath(), markdown, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            getLog().warn("zdd: could not write the step summary " + stepSummary + ": " + e.getMessage());
        }
    }
}
