package dev.zdd.plugin;

import dev.zdd.deploy.ReleaseStore;
import dev.zdd.deploy.ReleaseTable;
import dev.zdd.deploy.app.AppSettings;
import dev.zdd.deploy.app.SavedAppSettings;
import dev.zdd.deploy.app.SlotTable;
import dev.zdd.deploy.fleet.LiveReleases;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the releases on the target (id, when, who, commit, size; current and previous marked) and recent deploys.
 * On a fleet, one table per host, and a warning for every host whose live release differs from the others'.
 */
@Mojo(name = "releases", requiresProject = false, threadSafe = true)
public class ReleasesMojo extends AbstractFleetMojo {
    /** How many recent log entries to show. */
    @Parameter(property = "zdd.logEntries", defaultValue = "10")
    int logEntries;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        onTargets((opened, executor) -> {
            Map<String, String> live = new LinkedHashMap<>();
            for (Opened one : opened) {
                ReleaseStore store = new ReleaseStore(one.transport(), one.layout());
                live.put(one.name(), store.currentId());
                if (opened.size() > 1) {
                    getLog().info("");
                }
                getLog().info("zdd: releases on " + one.transport().describe() + " (* current, < previous):");
                for (String line : ReleaseTable.lines(store, logEntries)) {
                    getLog().info(line);
                }
                AppSettings app = SavedAppSettings.read(one.transport(), one.layout());
                if (app != null) {
                    getLog().info("");
                    for (String line : SlotTable.lines(one.transport(), one.layout(), app)) {
                        getLog().info(line);
                    }
                }
            }
            if (opened.size() > 1) {
                getLog().info("");
                List<String> differing = LiveReleases.differing(live);
                if (differing.isEmpty()) {
                    getLog().info("zdd: all " + live.size() + " hosts serve " + live.values().iterator().next());
                }
                differing.forEach(line -> getLog().warn("zdd: " + line));
            }
        });
    }
}
