package dev.zdd.plugin;

import dev.zdd.testing.AppSlots;
import dev.zdd.testing.DemoAppRelease;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** zdd:deploy-app, and zdd:rollback and zdd:releases on an app's target, against a local root with real processes. */
@MojoTest
class DeployAppMojoTest {
    @TempDir
    Path temp;

    @Inject
    MavenProject project;

    Path root;

    @BeforeEach
    void setUp() {
        TestProject.in(temp, project);
        root = temp.resolve("srv");
    }

    @AfterEach
    void stopSlots() throws Exception {
        AppSlots.stopAll(root);
    }

    private DeployAppMojo configure(DeployAppMojo mojo, String version, Map<String, String> behaviour) {
        mojo.target = root.toString();
        mojo.setLog(new RecordingLog());
        mojo.app = DemoAppRelease.create(temp.resolve("builds"), version, behaviour).toFile();
        mojo.release = "2026120" + version.replaceAll("\\D", "") + "T000000Z-" + version;
        mojo.start = DemoAppRelease.START;
        // Socket mode needs no nginx for the switch itself; the tests of the nginx mode are in AppDeployTest.
        mojo.switchMode = "socket";
        mojo.healthTimeout = "30s";
        return mojo;
    }

    private static List<String> info(org.apache.maven.plugin.AbstractMojo mojo) {
        return ((RecordingLog) mojo.getLog()).at("INFO");
    }

    @Test
    @InjectMojo(goal = "deploy-app")
    void deploysRollsBackAndListsTheSlots(DeployAppMojo mojo) throws Exception {
        configure(mojo, "v1", Map.of()).execute();
        List<String> first = info(mojo);
        for (String stage : List.of("locked", "planned", "uploaded", "verified", "launched", "healthy", "switched",
                "published", "logged", "finished")) {
            assertTrue(first.stream().anyMatch(l -> l.startsWith("zdd: " + stage + ": ")), stage + " in " + first);
        }
        configure(mojo, "v2", Map.of()).execute();
        assertEquals("releases/20261202T000000Z-v2", Files.readSymbolicLink(root.resolve("current")).toString());
        assertTrue(Files.exists(root.resolve(".zdd/app.json")), "the settings are kept for rollback");

        RollbackMojo rollback = new RollbackMojo();
        rollback.target = root.toString();
        rollback.parallelism = 1;
        rollback.setLog(new RecordingLog());
        rollback.lockLease = "30m";
        rollback.lockWait = "0s";
        rollback.execute();
        assertEquals("releases/20261201T000000Z-v1", Files.readSymbolicLink(root.resolve("current")).toString());
        assertTrue(info(rollback).stream().anyMatch(l -> l.contains("nothing started")), info(rollback).toString());

        ReleasesMojo releases = new ReleasesMojo();
        releases.target = root.toString();
        releases.parallelism = 1;
        releases.setLog(new RecordingLog());
        releases.logEntries = 10;
        releases.execute();
        List<String> lines = info(releases);
        assertTrue(lines.contains("Slots (socket switch):"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("blue   20261201T000000Z-v1") && l.contains("live")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("green  20261202T000000Z-v2")
                && l.contains("kept until")), lines.toString());
    }

    @Test
    @InjectMojo(goal = "deploy-app")
    void aFleetNeedsOnePublicUrlPerHostAndNothingIsTouchedOtherwise(DeployAppMojo mojo) {
        configure(mojo, "v1", Map.of()).target = root + "," + temp.resolve("other");
        mojo.publicUrl = "http://127.0.0.1:1/";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("zdd.publicUrl lists 1 URL(s) for 2 target(s)"), e.getMessage());
        assertTrue(!Files.exists(root), "nothing is created on the target");
    }

    @Test
    @InjectMojo(goal = "deploy-app")
    void aMissingStartCommandIsTheUsersToFix(DeployAppMojo mojo) {
        configure(mojo, "v1", Map.of()).start = null;
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("zdd:deploy-app: zdd.start:"), e.getMessage());
        assertTrue(!Files.exists(root), "nothing is created on the target");
    }

    @Test
    @InjectMojo(goal = "deploy-app")
    void anAppThatDoesNotExistIsTheUsersToFix(DeployAppMojo mojo) {
        configure(mojo, "v1", Map.of()).app = temp.resolve("target/missing.jar").toFile();
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("missing.jar does not exist"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "deploy-app")
    void aFailedHealthGateFailsTheBuildAndFiresTheAlert(DeployAppMojo mojo) throws Exception {
        try (WebhookRecorder hook = new WebhookRecorder()) {
            configure(mojo, "v1", Map.of("health", "fail")).healthTimeout = "2s";
            mojo.alertWebhook = hook.url();
            MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
            assertTrue(e.getMessage().contains("was not healthy within 2 s"), e.getMessage());
            assertEquals(1, hook.posted().size(), hook.posted().toString());
            assertTrue(hook.posted().get(0).contains("failed at healthy"), hook.posted().get(0));
        }
        assertTrue(!Files.exists(root.resolve("current")), "nothing went live");
    }

    @Test
    @InjectMojo(goal = "deploy-app")
    void aContractMigrationWaitsUntilTheOldCodeIsGone(DeployAppMojo mojo) throws Exception {
        Path migrations = temp.resolve("src/main/resources/db/migration");
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        configure(mojo, "v1", Map.of()).execute();
        Files.writeString(migrations.resolve("V2__email_lower.sql"), "ALTER TABLE users ADD COLUMN email_lower text;\n");
        configure(mojo, "v2", Map.of()).keepOldFor = "3s";
        mojo.execute();
        assertTrue(Files.readString(root.resolve("releases/20261202T000000Z-v2/.zdd/migrations.json"))
                .contains("\"versions\":\"1,2\""));

        // v1 still runs on the kept slot and reads users.email: dropping it now would break it.
        Files.writeString(migrations.resolve("V3__drop_email.sql"), "ALTER TABLE users DROP COLUMN email;\n");
        configure(mojo, "v3", Map.of());
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("V3__drop_email.sql") && e.getMessage().contains("slot blue still runs"
                + " 20261201T000000Z-v1"), e.getMessage());
        assertEquals("releases/20261202T000000Z-v2", Files.readSymbolicLink(root.resolve("current")).toString());
        assertTrue(!Files.exists(root.resolve("releases/20261203T000000Z-v3")), "nothing was uploaded");

        // Once the kept slot has stopped, the old code is gone and the contract may go live.
        long deadline = System.currentTimeMillis() + 20_000;
        while (Files.exists(root.resolve("slots/blue/pid")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        configure(mojo, "v3", Map.of()).execute();
        assertEquals("releases/20261203T000000Z-v3", Files.readSymbolicLink(root.resolve("current")).toString());
    }
}
