package dev.zdd.plugin;

import dev.zdd.testing.Readme;
import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployLock;
import dev.zdd.deploy.app.AppSettings;
import dev.zdd.deploy.app.SavedAppSettings;
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
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** zdd:deploy, zdd:rollback, zdd:releases and zdd:unlock against a local deploy root, configured by the harness. */
@MojoTest
class TargetMojosTest {
    @TempDir
    Path temp;

    @Inject
    MavenProject project;

    Path root;
    Path staged;

    @BeforeEach
    void stageASite() throws Exception {
        TestProject.in(temp, project);
        Path site = temp.resolve("site");
        Files.createDirectories(site.resolve("css"));
        Files.writeString(site.resolve("index.html"), "<link rel=stylesheet href=css/a.css><p>hello");
        Files.writeString(site.resolve("css/a.css"), "p{color:red}");
        staged = temp.resolve("staged");
        new AssetHasher(HasherConfig.builder(site, staged).build()).run();
        root = temp.resolve("www");
    }

    private <T extends AbstractTargetMojo> T configure(T mojo) {
        mojo.target = root.toString();
        mojo.setLog(new RecordingLog());
        return mojo;
    }

    private static RecordingLog log(AbstractTargetMojo mojo) {
        return (RecordingLog) mojo.getLog();
    }

    @Test
    @InjectMojo(goal = "deploy")
    void deployPublishesTheStagedFolderAndReportsItsStages(DeployMojo mojo) throws Exception {
        configure(mojo).stagedDirectory = staged.toFile();
        mojo.release = "r1";
        mojo.execute();
        assertEquals("releases/r1", Files.readSymbolicLink(root.resolve("current")).toString());
        List<String> info = log(mojo).at("INFO");
        for (String stage : List.of("locked", "planned", "uploaded", "verified", "published", "logged", "pruned",
                "finished")) {
            assertTrue(info.stream().anyMatch(l -> l.startsWith("zdd: " + stage + ": ")), stage + " in " + info);
        }
        // One count everywhere: the plan's files to send, the progress, the summary.
        assertTrue(info.stream().anyMatch(l -> l.startsWith("zdd: planned: ") && l.contains("2 file(s) to send")),
                info.toString());
        assertEquals(1, info.stream().filter(l -> l.startsWith("zdd: uploading ")).count(), info.toString());
        assertTrue(info.stream().anyMatch(l -> l.startsWith("zdd: uploading 2/2 files")), info.toString());
        assertTrue(info.stream().anyMatch(l -> l.startsWith("zdd: finished: r1 is live") && l.contains("(2 sent")),
                info.toString());
    }

    @Test
    @InjectMojo(goal = "deploy")
    void aDeployRootInsideTheBuildFolderIsDeployedWithAWarningThatMvnCleanDeletesIt(DeployMojo mojo)
            throws Exception {
        configure(mojo).stagedDirectory = staged.toFile();
        mojo.execute();
        assertEquals(List.of(), log(mojo).at("WARN"), "outside the build folder: no warning");

        Path inside = Files.createDirectories(temp.resolve("target/www"));
        mojo.target = inside.toString();
        mojo.release = "r2";
        mojo.execute();
        assertEquals(List.of("zdd: the deploy root " + inside + " is inside the build folder " + temp.resolve("target")
                        + ": mvn clean deletes every release in it, the live one too, and rollback has nothing left;"
                        + " point zdd.target at a folder outside the project, or at a server"),
                log(mojo).at("WARN"));
        assertEquals("releases/r2", Files.readSymbolicLink(inside.resolve("current")).toString());
    }

    @Test
    @InjectMojo(goal = "deploy")
    void aDryRunPrintsThePlanAndChangesNothing(DeployMojo mojo) throws Exception {
        configure(mojo).stagedDirectory = staged.toFile();
        mojo.dryRun = true;
        mojo.execute();
        assertFalse(Files.exists(root.resolve("current")));
        assertTrue(log(mojo).at("INFO").stream().anyMatch(l -> l.contains("dry run, nothing changed")));
        assertTrue(log(mojo).at("INFO").stream().anyMatch(l -> l.startsWith("  send index.html")));
    }

    @Test
    @InjectMojo(goal = "deploy")
    void aFailedDeployCallsTheAlertWebhookAndFailsTheBuild(DeployMojo mojo) throws Exception {
        Files.createDirectories(root.resolve("current"));
        List<String> posted;
        try (WebhookRecorder hook = new WebhookRecorder()) {
            configure(mojo).stagedDirectory = staged.toFile();
            mojo.release = "r1";
            mojo.alertWebhook = hook.url();
            MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
            assertTrue(e.getMessage().contains("not a symbolic link"), e.getMessage());
            Readme.assertTroubleshooting("not a symbolic link", e.getMessage());
            posted = hook.posted();
        }
        assertEquals(1, posted.size());
        assertTrue(posted.get(0).startsWith("{\"text\":\"zdd deploy of r1 to " + root + " failed at planned:"),
                posted.get(0));
        assertTrue(posted.get(0).contains("the live release is unchanged"), posted.get(0));
    }

    @Test
    @InjectMojo(goal = "rollback")
    void rollbackWithNothingToReturnToFailsClearly(RollbackMojo mojo) throws Exception {
        deployOnce("r1");
        MojoFailureException e = assertThrows(MojoFailureException.class, configure(mojo)::execute);
        assertTrue(e.getMessage().contains("no earlier release to roll back to"), e.getMessage());
        assertEquals("releases/r1", Files.readSymbolicLink(root.resolve("current")).toString());
    }

    @Test
    @InjectMojo(goal = "rollback")
    void aRollbackSmokeCheckThatCannotBeRightIsRefusedBeforeAnythingChanges(RollbackMojo mojo) throws Exception {
        deployOnce("r1");
        deployOnce("r2");
        String log = Files.readString(root.resolve(".zdd/deploys.jsonl"));
        configure(mojo).smokeUrls = List.of("http://127.0.0.1:1/", "http://127.0.0.1:2/");
        MojoFailureException count = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("zdd:rollback: zdd.smokeUrls lists 2 URL(s) for 1 target(s); give one URL per target, in the"
                + " targets' order, that reaches that host itself", count.getMessage());
        mojo.smokeUrls = List.of("http://127.0.0.1:1/");
        mojo.smokeCompare = "pixels";
        MojoFailureException compare = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(compare.getMessage().contains("zdd.smokeCompare must be bytes or status, was 'pixels'"),
                compare.getMessage());
        mojo.smokeCompare = "bytes";
        try (LocalTransport transport = new LocalTransport(root.toString())) {
            SavedAppSettings.write(transport, new DeployLayout(root.toString()), AppSettings.of(Map.of(
                    "switch", "socket", "start", "./run", "health", "/health", "healthTimeout", "5s",
                    "keepOldFor", "15m", "stopTimeout", "5s", "watchFor", "0s")));
        }
        MojoFailureException app = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(app.getMessage().contains("zdd.smokeUrls is for static sites") && app.getMessage()
                .contains("nothing was changed"), app.getMessage());
        assertEquals("releases/r2", Files.readSymbolicLink(root.resolve("current")).toString());
        assertEquals(log, Files.readString(root.resolve(".zdd/deploys.jsonl")), "no log line for a refused rollback");
    }

    @Test
    @InjectMojo(goal = "releases")
    void releasesListsTheCurrentRelease(ReleasesMojo mojo) throws Exception {
        deployOnce("r1");
        configure(mojo).logEntries = 10;
        mojo.execute();
        List<String> info = log(mojo).at("INFO");
        assertTrue(info.stream().anyMatch(l -> l.startsWith("*  r1 ") && l.endsWith("current")), info.toString());
        assertTrue(info.stream().anyMatch(l -> l.contains("deploy r1  success")), info.toString());
    }

    @Test
    @InjectMojo(goal = "deploy")
    void aMissingStagedFolderIsRefusedBeforeTheTargetIsTouched(DeployMojo mojo) {
        configure(mojo).stagedDirectory = temp.resolve("not-hashed-yet").toFile();
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("not-hashed-yet is not a folder") && e.getMessage().contains("zdd:hash"),
                e.getMessage());
        Readme.assertTroubleshooting("nothing to deploy", e.getMessage());
        assertFalse(Files.exists(root), "no deploy root, no lock, no log line for a mistake made here");
    }

    @Test
    @InjectMojo(goal = "deploy")
    void aTargetUnderAFolderThatDoesNotExistIsATypoNotANewTree(DeployMojo mojo) {
        configure(mojo).stagedDirectory = staged.toFile();
        mojo.target = temp.resolve("srv-typo/www").toString();
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("parent folder " + temp.resolve("srv-typo") + " does not exist"),
                e.getMessage());
        assertFalse(Files.exists(temp.resolve("srv-typo")));
    }

    @Test
    @InjectMojo(goal = "releases")
    void readingATargetThatDoesNotExistSaysSoAndCreatesNothing(ReleasesMojo mojo) throws Exception {
        configure(mojo).logEntries = 10;
        MojoFailureException missing = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(missing.getMessage().contains(root + " does not exist"), missing.getMessage());
        assertFalse(Files.exists(root));
        Files.writeString(temp.resolve("a-file"), "x");
        mojo.target = temp.resolve("a-file").toString();
        MojoFailureException file = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(file.getMessage().contains("is a file, not a folder"), file.getMessage());
    }

    @Test
    @InjectMojo(goal = "unlock")
    void unlockShowsTheOwnerAndNeedsForceForALiveLease(UnlockMojo mojo) throws Exception {
        Files.createDirectories(root);
        DeployLayout layout = new DeployLayout(root.toString());
        new DeployLock(new LocalTransport(root.toString()), layout).acquire(
                new Actor("alice", "laptop", 77, null, null, null), Duration.ofHours(1), Duration.ZERO, "deploy r9",
                line -> { });
        MojoFailureException refused = assertThrows(MojoFailureException.class, configure(mojo)::execute);
        assertTrue(refused.getMessage().contains("held by alice@laptop (pid 77, deploy r9)"), refused.getMessage());
        assertTrue(Files.exists(root.resolve(".zdd/lock/owner.json")));
        mojo.force = true;
        mojo.execute();
        assertFalse(Files.exists(root.resolve(".zdd/lock")));
        assertTrue(log(mojo).at("WARN").stream().anyMatch(l -> l.contains("broke the lock held by alice@laptop")));
    }

    @Test
    @InjectMojo(goal = "deploy")
    void aBadTargetOrReleaseIdIsTheUsersToFix(DeployMojo mojo) {
        configure(mojo).stagedDirectory = staged.toFile();
        mojo.release = "../escape";
        MojoFailureException badId = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(badId.getMessage().contains("release id '../escape' is not allowed"), badId.getMessage());
        mojo.release = "r1";
        mojo.target = "ssh://example.com";
        MojoFailureException badTarget = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(badTarget.getMessage().contains("zdd.target 'ssh://example.com' is not ssh://user@host[:port]"
                + "/absolute/path or a local folder"), badTarget.getMessage());
    }

    @Test
    @InjectMojo(goal = "releases")
    void aMalformedIpv6TargetIsTheUsersToFixNotAPluginCrash(ReleasesMojo mojo) {
        configure(mojo).logEntries = 10;
        mojo.target = "ssh://deploy@[::1/srv/www";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("zdd.target 'ssh://deploy@[::1/srv/www' is not ssh://user@host[:port]")
                && e.getMessage().contains("no closing ']'"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "deploy")
    void aServerThatCannotBeReachedAlertsLikeAnyFailedDeploy(DeployMojo mojo) throws Exception {
        try (WebhookRecorder hook = new WebhookRecorder()) {
            configure(mojo).stagedDirectory = staged.toFile();
            mojo.release = "r1";
            // Nothing listens there: the connection is refused before any login.
            mojo.target = "ssh://deploy@127.0.0.1:" + dev.zdd.testing.FreePort.find() + "/srv/www";
            mojo.knownHosts = Files.writeString(temp.resolve("known_hosts"), "").toFile();
            mojo.timeout = "5s";
            mojo.alertWebhook = hook.url();
            MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
            assertTrue(e.getMessage().contains("cannot connect to"), e.getMessage());
            assertEquals(1, hook.posted().size(), hook.posted().toString());
            assertTrue(hook.posted().get(0).contains("zdd deploy of r1") && hook.posted().get(0).contains("cannot connect"),
                    hook.posted().get(0));
        }
    }

    @Test
    @InjectMojo(goal = "check")
    void checkComparesSizesWithTheLiveRelease(CheckMojo mojo) throws Exception {
        configure(mojo).siteDirectory = staged.toFile();
        mojo.baseline = "live";
        mojo.maxGrowth = "1%";
        mojo.reportDirectory = temp.resolve("reports").toFile();
        mojo.execute();
        assertTrue(Files.readString(temp.resolve("reports/check.json")).contains("\"failed\" : false"),
                "nothing live yet: nothing to compare");

        deployOnce("r1");
        Path bigger = temp.resolve("site2");
        Files.createDirectories(bigger.resolve("css"));
        Files.writeString(bigger.resolve("index.html"), "<link rel=stylesheet href=css/a.css><p>hello");
        Files.writeString(bigger.resolve("css/a.css"), "p{color:red}" + " ".repeat(5000));
        Path staged2 = temp.resolve("staged2");
        new AssetHasher(HasherConfig.builder(bigger, staged2).build()).run();
        mojo.siteDirectory = staged2.toFile();
        MojoFailureException grown = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(grown.getMessage().contains("the release grew"), grown.getMessage());
        assertTrue(Files.readString(temp.resolve("reports/check.json")).contains("\"source\" : \"release r1 on "),
                "the report names the live release");
    }

    private void deployOnce(String id) throws Exception {
        try (LocalTransport transport = new LocalTransport(root.toString())) {
            new dev.zdd.deploy.Deployer(transport, new DeployLayout(root.toString()),
                    new Actor("t", "h", ProcessHandle.current().pid(), null, null, null),
                    new dev.zdd.deploy.DeployListener() {
                        public void stage(dev.zdd.deploy.Stage stage, String detail) { }
                        public void progress(int f, int tf, long b, long tb, long ms) { }
                        public void info(String line) { }
                        public void warn(String line) { }
                    }).deploy(dev.zdd.deploy.StagedRelease.read(staged), new dev.zdd.deploy.DeployOptions(id, 5, 2,
                    Duration.ofMinutes(5), Duration.ZERO, false));
        }
        assertTrue(new File(root.toFile(), "current").exists());
    }
}
