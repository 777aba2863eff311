package dev.zdd.plugin;

import dev.zdd.testing.AppSlots;
import dev.zdd.testing.DemoAppRelease;
import dev.zdd.testing.FreePort;
import dev.zdd.testing.NginxServer;
import dev.zdd.testing.Steady;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zdd:deploy-app and zdd:rollback with zdd.proxyTarget: an app host (a local root, real app processes) behind a
 * load balancer on another target (a real nginx whose include lives in that target's root).
 */
@MojoTest
class SharedProxyMojosTest {
    @TempDir
    Path temp;

    @Inject
    MavenProject project;

    Path root;
    Path lbRoot;
    NginxServer balancer;
    int blue;
    int green;

    @BeforeEach
    void setUp() throws Exception {
        TestProject.in(temp, project);
        root = temp.resolve("app");
        lbRoot = temp.resolve("lb");
        Files.createDirectories(lbRoot);
        blue = FreePort.find();
        do {
            green = FreePort.find();
        } while (green == blue);
        Files.writeString(lbRoot.resolve("upstream.conf"), "server 127.0.0.1:" + blue + ";\n");
        balancer = NginxServer.startProxyToUpstream(temp.resolve("nginx"), lbRoot.resolve("upstream.conf"));
    }

    @AfterEach
    void stop() throws Exception {
        AppSlots.stopAll(root);
        balancer.close();
    }

    private DeployAppMojo configure(DeployAppMojo mojo, String version) {
        mojo.target = root.toString();
        mojo.proxyTarget = lbRoot.toString();
        mojo.parallelism = 2;
        mojo.setLog(new RecordingLog());
        mojo.app = DemoAppRelease.create(temp.resolve("builds"), version, Map.of()).toFile();
        mojo.release = id(version);
        mojo.start = DemoAppRelease.START;
        mojo.switchMode = "nginx";
        mojo.ports = blue + "," + green;
        mojo.nginxTest = balancer.testCommand();
        mojo.nginxReload = balancer.reloadCommand();
        mojo.publicUrl = balancer.url("/");
        mojo.healthTimeout = "30s";
        return mojo;
    }

    private static String id(String version) {
        return "2026120" + version.replaceAll("\\D", "") + "T000000Z-" + version;
    }

    private RollbackMojo rollback(String proxyTarget) {
        RollbackMojo rollback = new RollbackMojo();
        rollback.target = root.toString();
        rollback.proxyTarget = proxyTarget;
        rollback.parallelism = 2;
        rollback.setLog(new RecordingLog());
        rollback.lockLease = "30m";
        rollback.lockWait = "0s";
        return rollback;
    }

    private String served() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(balancer.url("/"))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body().strip();
    }

    private String include() throws Exception {
        return Files.readString(lbRoot.resolve("upstream.conf"));
    }

    @Test
    @InjectMojo(goal = "deploy-app")
    void theBalancerSwitchesToTheAppHostsNewSlotAndARollbackSwitchesItBack(DeployAppMojo mojo) throws Exception {
        configure(mojo, "v1").execute();
        configure(mojo, "v2").execute();
        assertTrue(include().startsWith("# zdd: release " + id("v2")), include());
        assertTrue(include().contains("server 127.0.0.1:" + green + ";"), include());
        Steady.answers("version v2", this::served);
        assertFalse(Files.exists(root.resolve("upstream.conf")), "the app host holds no include of its own");

        MojoFailureException unnamed = assertThrows(MojoFailureException.class, rollback(null)::execute);
        assertTrue(unnamed.getMessage().contains("runs behind load balancers (zdd:deploy-app's zdd.proxyTarget);"
                + " name them with -Dzdd.proxyTarget="), unnamed.getMessage());
        assertEquals("releases/" + id("v2"), Files.readSymbolicLink(root.resolve("current")).toString());

        RollbackMojo rollback = rollback(lbRoot.toString());
        rollback.execute();
        assertEquals("releases/" + id("v1"), Files.readSymbolicLink(root.resolve("current")).toString());
        assertTrue(include().startsWith("# zdd: release " + id("v1")), include());
        assertTrue(include().contains("server 127.0.0.1:" + blue + ";"), include());
        Steady.answers("version v1", this::served);
    }

    @Test
    @InjectMojo(goal = "deploy-app")
    void aSocketSwitchCannotSitBehindAProxyTarget(DeployAppMojo mojo) throws Exception {
        configure(mojo, "v1").switchMode = "socket";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("zdd.switch=socket cannot work with zdd.proxyTarget"), e.getMessage());
        assertFalse(Files.exists(root), "nothing was created");
        assertEquals("server 127.0.0.1:" + blue + ";\n", include());
    }

    @Test
    @InjectMojo(goal = "deploy-app")
    void upstreamHostsNeedOneAddressPerTarget(DeployAppMojo mojo) throws Exception {
        configure(mojo, "v1").upstreamHosts = "10.0.0.1,10.0.0.2";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("zdd.upstreamHosts lists 2 address(es) for 1 target(s)"), e.getMessage());
        assertFalse(Files.exists(root), "nothing was created");
    }
}
