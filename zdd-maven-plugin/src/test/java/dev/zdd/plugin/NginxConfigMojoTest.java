package dev.zdd.plugin;

import dev.zdd.deploy.NginxConfig;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** zdd:nginx-config writes the server block for a deploy root; the README shows the same text. */
@MojoTest
class NginxConfigMojoTest {
    @TempDir
    Path temp;

    @Inject
    MavenProject project;

    @BeforeEach
    void project() {
        TestProject.in(temp, project);
    }

    private NginxConfigMojo configure(NginxConfigMojo mojo, String target) {
        mojo.target = target;
        mojo.serve = "site";
        mojo.switchMode = "nginx";
        mojo.listen = "80";
        mojo.serverName = "_";
        mojo.nginxConfig = temp.resolve("out/nginx.conf").toFile();
        mojo.setLog(new RecordingLog());
        return mojo;
    }

    @Test
    @InjectMojo(goal = "nginx-config")
    void aSiteIsServedFromCurrentWithItsCacheHeaders(NginxConfigMojo mojo) throws Exception {
        configure(mojo, "ssh://deploy@web1.example.com/srv/www").execute();
        String config = Files.readString(temp.resolve("out/nginx.conf"));
        assertEquals(NginxConfig.site("/srv/www/current", "80", "_"), config);
        assertTrue(config.contains("    root /srv/www/current;\n"), config);
        assertTrue(((RecordingLog) mojo.getLog()).at("INFO").contains("    root /srv/www/current;"));
    }

    @Test
    @InjectMojo(goal = "nginx-config")
    void anAppGetsTheIncludeOrTheSocketOfItsSwitch(NginxConfigMojo mojo) throws Exception {
        configure(mojo, "/srv/app").serve = "app";
        mojo.execute();
        assertTrue(Files.readString(temp.resolve("out/nginx.conf")).contains("include /srv/app/upstream.conf;"));
        mojo.switchMode = "socket";
        mojo.execute();
        assertTrue(Files.readString(temp.resolve("out/nginx.conf")).contains(
                "proxy_pass http://unix:/srv/app/live.sock:;"));
    }

    @Test
    @InjectMojo(goal = "nginx-config")
    void whatNginxCouldNotReadIsRefused(NginxConfigMojo mojo) {
        refused(configure(mojo, "/srv/$site"), "nginx reads '$' in /srv/$site/current as a variable");
        refused(configure(mojo, "relative/www"), "the deploy root must be an absolute path");
        refused(configure(mojo, "/a,/b"), "set zdd.target to one deploy root");
        NginxConfigMojo kind = configure(mojo, "/srv/www");
        kind.serve = "php";
        refused(kind, "zdd.serve must be site or app, was 'php'");
    }

    private static void refused(NginxConfigMojo mojo, String message) {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void theReadmeShowsTheGeneratedConfigs() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String config : new String[] {
                NginxConfig.site("/srv/www/example/current", "443 ssl", "www.example.com"),
                NginxConfig.appUpstream("/srv/app/upstream.conf", "443 ssl", "app.example.com"),
                NginxConfig.appSocket("/srv/app/live.sock", "443 ssl", "app.example.com")}) {
            assertTrue(readme.contains("```nginx\n" + config + "```"), "the README lacks:\n" + config);
        }
    }
}
