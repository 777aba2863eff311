package dev.zdd.plugin;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployLock;
import dev.zdd.deploy.transport.LocalTransport;
import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HasherConfig;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The goals on a fleet of local deploy roots: one release on all, refusals before any host changes. */
@MojoTest
class FleetMojosTest {
    @TempDir
    Path temp;

    @Inject
    MavenProject project;

    List<Path> roots;
    Path staged;

    @BeforeEach
    void stageASite() throws Exception {
        TestProject.in(temp, project);
        Path site = temp.resolve("site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("index.html"), "<p>hello");
        staged = temp.resolve("staged");
        new AssetHasher(HasherConfig.builder(site, staged).build()).run();
        roots = List.of(temp.resolve("a"), temp.resolve("b"), temp.resolve("c"));
    }

    private <T extends AbstractFleetMojo> T configure(T mojo, List<Path> fleet) {
        mojo.target = fleet.stream().map(Path::toString).collect(Collectors.joining(","));
        mojo.parallelism = 8;
        mojo.setLog(new RecordingLog());
        return mojo;
    }

    private static RecordingLog log(AbstractTargetMojo mojo) {
        return (RecordingLog) mojo.getLog();
    }

    private void deploy(List<Path> fleet, String id) throws Exception {
        DeployMojo mojo = new DeployMojo();
        configure(mojo, fleet);
        mojo.project = project;
        mojo.stagedDirectory = staged.toFile();
        mojo.release = id;
        mojo.keepReleases = 5;
        mojo.carryOver = 2;
        mojo.lockLease = "30m";
        mojo.lockWait = "0s";
        mojo.timeout = "30s";
        mojo.smokeTimeout = "30s";
        mojo.smokeCompare = "bytes";
        mojo.smokeFailure = "rollback";
        mojo.basePath = "/";
        mojo.indexFiles = List.of("index.html");
        mojo.execute();
    }

    private String current(Path root) throws Exception {
        return Files.readSymbolicLink(root.resolve("current")).toString();
    }

    @Test
    @InjectMojo(goal = "deploy")
    void aFleetDeployPutsOneReleaseOnEveryHostAndWritesTheStepSummary(DeployMojo mojo) throws Exception {
        configure(mojo, roots).stagedDirectory = staged.toFile();
        mojo.release = "r1";
        mojo.stepSummary = temp.resolve("summary.md").toFile();
        mojo.execute();
        for (Path root : roots) {
            assertEquals("releases/r1", current(root));
        }
        List<String> info = log(mojo).at("INFO");
        for (Path root : roots) {
            assertTrue(info.stream().anyMatch(l -> l.startsWith("zdd: [" + root + "] finished: r1 is live")),
                    info.toString());
        }
        assertTrue(info.stream().anyMatch(l -> l.startsWith("zdd: all 3 hosts switched to r1 within")),
                info.toString());
        String summary = Files.readString(temp.resolve("summary.md"));
        assertTrue(summary.startsWith("### zdd: release `r1` is live"), summary);
        for (Path root : roots) {
            assertTrue(summary.contains("| " + root + " | (none) | 1 | 1 | 0 | 0 |"), summary);
        }
    }

    @Test
    @InjectMojo(goal = "deploy")
    void aHostThatRefusesTheReleaseLeavesEveryHostOnItsLiveOne(DeployMojo mojo) throws Exception {
        deploy(roots.subList(0, 2), "r1");
        // The third host already has a complete release named r2 (deployed there alone, by hand).
        deploy(roots.subList(2, 3), "r2");
        configure(mojo, roots).stagedDirectory = staged.toFile();
        mojo.release = "r2";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("no host was switched: " + roots.get(2) + " failed before the switch"),
                e.getMessage());
        // Whether host a was stopped or had finished preparing depends on timing; either way it serves r1.
        for (Path host : roots.subList(0, 2)) {
            assertTrue(e.getMessage().lines().anyMatch(l -> l.strip().startsWith(host + ": ")
                    && l.endsWith("; serves r1")), e.getMessage());
        }
        assertEquals("releases/r1", current(roots.get(0)));
        assertEquals("releases/r1", current(roots.get(1)));
        assertFalse(Files.exists(roots.get(0).resolve("releases/r2")), "the prepared release is cleaned");
        assertFalse(Files.exists(roots.get(0).resolve(".zdd/lock")), "and unlocked");
    }

    @Test
    @InjectMojo(goal = "deploy")
    void smokeUrlsMustMatchTheTargetsOneToOneAndNothingIsTouchedOtherwise(DeployMojo mojo) {
        configure(mojo, roots).stagedDirectory = staged.toFile();
        mojo.smokeUrls = List.of("http://127.0.0.1:1/", "http://127.0.0.1:2/");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("zdd.smokeUrls lists 2 URL(s) for 3 target(s)"), e.getMessage());
        mojo.smokeUrls = List.of("ftp://x/", "http://127.0.0.1:2/", "http://127.0.0.1:3/");
        e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("zdd.smokeUrls holds 'ftp://x/'"), e.getMessage());
        mojo.smokeUrls = List.of("http://127.0.0.1:1/", "http://127.0.0.1:2/", "http://127.0.0.1:3/");
        mojo.basePath = "/docs#top";
        e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("zdd:deploy: basePath must be a URL path"), e.getMessage());
        roots.forEach(root -> assertFalse(Files.exists(root), root + " untouched"));
    }

    @Test
    @InjectMojo(goal = "deploy")
    void theSameTargetTwiceOrAnEmptyEntryIsRefused(DeployMojo mojo) {
        configure(mojo, List.of(roots.get(0), roots.get(0))).stagedDirectory = staged.toFile();
        MojoFailureException twice = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(twice.getMessage().contains(roots.get(0) + " is listed twice"), twice.getMessage());
        mojo.target = roots.get(0) + ",," + roots.get(1);
        MojoFailureException empty = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(empty.getMessage().contains("has an empty entry"), empty.getMessage());
    }

    @Test
    @InjectMojo(goal = "releases")
    void releasesFlagsAHostLeftOnAnotherReleaseByHand(ReleasesMojo mojo) throws Exception {
        deploy(roots, "r1");
        deploy(roots, "r2");
        Path b = roots.get(1);
        Files.delete(b.resolve("current"));
        Files.createSymbolicLink(b.resolve("current"), Path.of("releases/r1"));
        configure(mojo, roots).logEntries = 5;
        mojo.execute();
        List<String> warnings = log(mojo).at("WARN");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("zdd: host " + b + " serves r1, the others serve r2 (2 of 3 hosts)"),
                warnings.get(0));
        long tables = log(mojo).at("INFO").stream().filter(l -> l.startsWith("zdd: releases on ")).count();
        assertEquals(3, tables);
    }

    @Test
    @InjectMojo(goal = "rollback")
    void aFleetRollbackGoesBackEverywhereOrRefusesEverywhere(RollbackMojo mojo) throws Exception {
        deploy(roots.subList(0, 2), "r1");
        deploy(roots, "r2");
        configure(mojo, roots).release = "r1";
        MojoFailureException lacking = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(lacking.getMessage().contains(roots.get(2) + ": release r1 does not exist"),
                lacking.getMessage());
        for (Path root : roots) {
            assertEquals("releases/r2", current(root));
        }
        mojo.release = null;
        MojoFailureException disagree = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(disagree.getMessage().contains("no host was rolled back"), disagree.getMessage());
        mojo.target = roots.get(0) + "," + roots.get(1);
        mojo.execute();
        assertEquals("releases/r1", current(roots.get(0)));
        assertEquals("releases/r1", current(roots.get(1)));
        assertTrue(log(mojo).at("INFO").contains("zdd: r1 is live on all 2 hosts"), log(mojo).lines.toString());
    }

    @Test
    @InjectMojo(goal = "unlock")
    void unlockingAFleetWithOneLiveLeaseUnlocksNothingUntilForced(UnlockMojo mojo) throws Exception {
        deploy(roots, "r1");
        Path b = roots.get(1);
        new DeployLock(new LocalTransport(b.toString()), new DeployLayout(b.toString())).acquire(
                new Actor("alice", "laptop", 77, null, null, null), Duration.ofHours(1), Duration.ZERO, "deploy r9",
                line -> { });
        Path c = roots.get(2);
        new DeployLock(new LocalTransport(c.toString()), new DeployLayout(c.toString())).acquire(
                new Actor("bob", "ci", 78, null, null, null), Duration.ofMillis(1), Duration.ZERO, "deploy r8",
                line -> { });
        Thread.sleep(5);
        MojoFailureException refused = assertThrows(MojoFailureException.class, configure(mojo, roots)::execute);
        assertTrue(refused.getMessage().contains(b + ": held by alice@laptop"), refused.getMessage());
        assertTrue(Files.exists(b.resolve(".zdd/lock")) && Files.exists(c.resolve(".zdd/lock")), "nothing unlocked");
        mojo.force = true;
        mojo.execute();
        assertFalse(Files.exists(b.resolve(".zdd/lock")));
        assertFalse(Files.exists(c.resolve(".zdd/lock")));
    }
}
