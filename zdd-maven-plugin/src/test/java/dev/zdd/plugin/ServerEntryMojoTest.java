package dev.zdd.plugin;

import dev.zdd.hasher.AssetHasher;
import dev.zdd.hasher.HasherConfig;
import dev.zdd.testing.Exec;
import dev.zdd.testing.OpenSshServer;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

import javax.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zdd:deploy over SSH with the login in a settings.xml {@code <server>} whose key passphrase is encrypted with
 * Maven's master password ({@code mvn --encrypt-master-password}, then {@code mvn --encrypt-password}), against a
 * real OpenSSH sshd. The harness injects Maven's own SettingsDecrypter; the master password comes from the
 * settings-security.xml that the {@code settings.security} system property points at, as with {@code mvn}.
 */
@MojoTest
class ServerEntryMojoTest {
    private static final String MASTER = "the master password";
    private static final String SECURITY_PROPERTY = "settings.security";

    static OpenSshServer sshd;

    @TempDir
    Path temp;

    @Inject
    MavenProject project;

    Path root;
    Path staged;
    String securityBefore;

    @TempDir
    static Path server;

    @BeforeAll
    static void startSshd() {
        sshd = OpenSshServer.start(server);
    }

    @AfterAll
    static void stopSshd() {
        sshd.close();
    }

    @BeforeEach
    void stageASiteAndKeepAMasterPassword() throws Exception {
        TestProject.in(temp, project);
        Path site = temp.resolve("site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("index.html"), "<p>hello over ssh");
        staged = temp.resolve("staged");
        new AssetHasher(HasherConfig.builder(site, staged).build()).run();
        root = temp.resolve("www");
        securityBefore = System.getProperty(SECURITY_PROPERTY);
        System.setProperty(SECURITY_PROPERTY, settingsSecurity(MASTER).toString());
    }

    @AfterEach
    void restoreTheSecurityProperty() {
        if (securityBefore == null) {
            System.clearProperty(SECURITY_PROPERTY);
        } else {
            System.setProperty(SECURITY_PROPERTY, securityBefore);
        }
    }

    /** What {@code mvn --encrypt-master-password} writes into ~/.m2/settings-security.xml. */
    private Path settingsSecurity(String master) throws Exception {
        String encrypted = new DefaultPlexusCipher().encryptAndDecorate(master, SECURITY_PROPERTY);
        return Files.writeString(temp.resolve("settings-security-" + Math.abs(master.hashCode()) + ".xml"),
                "<settingsSecurity>\n  <master>" + encrypted + "</master>\n</settingsSecurity>\n");
    }

    /** A settings.xml with one server entry whose passphrase is what {@code mvn --encrypt-password} prints. */
    private static Settings settingsWithPassphrase(String passphrase) throws Exception {
        Server server = new Server();
        server.setId("web");
        server.setUsername(sshd.user());
        server.setPrivateKey(sshd.passphraseKey().toString());
        server.setPassphrase(new DefaultPlexusCipher().encryptAndDecorate(passphrase, MASTER));
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    private DeployMojo configure(DeployMojo mojo, Settings settings) {
        // No user in the URL and no zdd.privateKey/zdd.passphrase: all of the login comes from the server entry.
        mojo.target = "ssh://127.0.0.1:" + sshd.port() + root;
        mojo.serverId = "web";
        mojo.settings = settings;
        mojo.knownHosts = sshd.knownHosts().toFile();
        mojo.timeout = "10s";
        mojo.stagedDirectory = staged.toFile();
        mojo.release = "r1";
        mojo.setLog(new RecordingLog());
        return mojo;
    }

    @Test
    @InjectMojo(goal = "deploy")
    void anEncryptedPassphraseIsDecryptedAndTheDeployGoesThrough(DeployMojo mojo) throws Exception {
        Settings settings = settingsWithPassphrase(sshd.passphrase());
        String stored = settings.getServer("web").getPassphrase();
        assertTrue(stored.startsWith("{") && stored.endsWith("}") && !stored.contains(sshd.passphrase()), stored);
        configure(mojo, settings).execute();

        assertEquals("releases/r1", Files.readSymbolicLink(root.resolve("current")).toString());
        assertEquals("<p>hello over ssh", Files.readString(root.resolve("current/index.html")));
        // sshd names the key it accepted: the server entry's, opened with the decrypted passphrase.
        String fingerprint = Exec.run(Duration.ofSeconds(10), "/usr/bin/ssh-keygen", "-lf",
                sshd.passphraseKey() + ".pub").ok().trim().split(" ")[1];
        assertTrue(sshd.log().contains("Accepted publickey for " + sshd.user()) && sshd.log().contains(fingerprint),
                sshd.log());
    }

    @Test
    @InjectMojo(goal = "deploy")
    void aPassphraseThatDecryptsToTheWrongOneFailsTheBuildNamingTheKey(DeployMojo mojo) throws Exception {
        configure(mojo, settingsWithPassphrase("not the passphrase"));
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("zdd: cannot read the private key " + sshd.passphraseKey()
                + " with the passphrase given"), e.getMessage());
        assertFalse(Files.exists(root.resolve("current")), "nothing deployed");
    }

    @Test
    @InjectMojo(goal = "deploy")
    void aPassphraseThatCannotBeDecryptedNamesTheServerEntry(DeployMojo mojo) throws Exception {
        Settings settings = settingsWithPassphrase(sshd.passphrase());
        // Another machine's master password: the entry cannot be decrypted here.
        System.setProperty(SECURITY_PROPERTY, settingsSecurity("another master password").toString());
        configure(mojo, settings);
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("zdd: cannot decrypt server 'web': ")
                && e.getMessage().contains("passphrase"), e.getMessage());
        assertFalse(Files.exists(root.resolve("current")), "nothing deployed");
    }
}
