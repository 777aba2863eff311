package dev.zdd.plugin;

import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.ReleaseStore;
import dev.zdd.deploy.ReleaseTable;
import dev.zdd.deploy.app.AppSettings;
import dev.zdd.deploy.app.SavedAppSettings;
import dev.zdd.deploy.app.SlotTable;
import dev.zdd.deploy.transport.Transport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;

/** Lists the releases on the target (id, when, who, commit, size; current and previous marked) and recent deploys. */
@Mojo(name = "releases", requiresProject = false, threadSafe = true)
public class ReleasesMojo extends AbstractTargetMojo {
    /** How many recent log entries to show. */
    @Parameter(property = "zdd.logEntries", defaultValue = "10")
    int logEntries;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        try (Transport transport = openTransport()) {
            getLog().info("zdd: releases on " + transport.describe() + " (* current, < previous):");
            for (String line : ReleaseTable.lines(new ReleaseStore(transport, layout()), logEntries)) {
                getLog().info(line);
            }
            AppSettings app = SavedAppSettings.read(transport, layout());
            if (app != null) {
                getLog().info("");
                for (String line : SlotTable.lines(transport, layout(), app)) {
                    getLog().info(line);
                }
            }
        } catch (DeployException e) {
            throw new MojoFailureException("zdd:releases: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("zdd:releases: " + e.getMessage(), e);
        }
    }
}
