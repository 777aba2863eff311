package dev.zdd.plugin;

import dev.zdd.deploy.Stage;
import java.nio.file.Files;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.DeployPlan;
import dev.zdd.deploy.Deployer;
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

/**
 * Uploads the staged release into a new release folder (releases/ID/) on the target while the live one keeps
 * serving, verifies
 * it there, swaps {@code current} atomically, logs and prunes. Any failure before the swap leaves the site as it
 * was.
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, requiresProject = false, threadSafe = true)
public class DeployMojo extends AbstractDeployMojo {
    /** The release to deploy. Default: the output of zdd:hash in this build, else ${project.build.directory}/zdd/site. */
    @Parameter(property = "zdd.stagedDirectory")
    File stagedDirectory;

    /** Recent releases whose hashed assets the new release keeps serving, for pages already open in browsers. */
    @Parameter(property = "zdd.carryOver", defaultValue = "2")
    int carryOver;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        String id = releaseId();
        DeployOptions options = options(id, carryOver, "zdd:deploy");
        Path staged = staged();
        if (!Files.isDirectory(staged)) {
            // Checked before connecting, so a missing folder touches nothing on the target (no lock, no log line).
            throw new MojoFailureException("zdd:deploy: nothing to deploy: " + staged + " is not a folder; run zdd:hash"
                    + " first (mvn package) or set zdd.stagedDirectory");
        }
        StagedRelease.Reading reading = StagedRelease.readInBackground(staged);
        try (Transport transport = openAlerting("deploy", id)) {
            DeployPlan plan = new Deployer(transport, layout(), actor(), listener()).deploy(reading, options);
            if (dryRun) {
                printDryRun(plan, transport.describe());
            }
        } catch (DeployException e) {
            alert("deploy", id, e);
            throw new MojoFailureException("zdd:deploy: " + e.getMessage(), e);
        } catch (IOException e) {
            alert("deploy", id, new DeployException(Stage.FAILED, e.getMessage(), e));
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
}
