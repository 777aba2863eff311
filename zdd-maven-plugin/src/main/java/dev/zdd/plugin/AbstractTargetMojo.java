package dev.zdd.plugin;

import java.net.URI;
import java.nio.file.Files;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DurationText;
import dev.zdd.deploy.ssh.SshConnector;
import dev.zdd.deploy.ssh.SshSettings;
import dev.zdd.deploy.ssh.SshTarget;
import dev.zdd.deploy.transport.LocalTransport;
import dev.zdd.deploy.transport.Transport;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/** What every goal that talks to a deploy root shares: where it is and how to log in. */
abstract class AbstractTargetMojo extends AbstractZddMojo {
    /**
     * The deploy root: {@code ssh://user@host[:port]/abs/path}, or a local folder. Several, comma-separated, make
     * a fleet: one release on every host, all switched or none. Required by the deploy goals.
     */
    @Parameter(property = "zdd.target")
    String target;

    /** The fleet's deploy roots, one per element, as an alternative to a comma-separated {@code zdd.target}. */
    @Parameter
    List<String> targets;

    /** A settings.xml server entry (its id) with username and privateKey/passphrase or password (decrypted). */
    @Parameter(property = "zdd.serverId")
    String serverId;

    /** The private key, when not given by the server entry. Default: the usual keys in ~/.ssh. */
    @Parameter(property = "zdd.privateKey")
    File privateKey;

    /** The private key's passphrase, when not given by the server entry. */
    @Parameter(property = "zdd.passphrase")
    String passphrase;

    /** The known_hosts file the host key must be in. */
    @Parameter(property = "zdd.knownHosts", defaultValue = "${user.home}/.ssh/known_hosts")
    File knownHosts;

    /** Accept any host key. Dangerous: anyone in between can change what is deployed. Logged loudly. */
    @Parameter(property = "zdd.insecureSkipHostKeyCheck", defaultValue = "false")
    boolean insecureSkipHostKeyCheck;

    /** Use SFTP only (hosts without a shell); detected automatically when exec is refused. */
    @Parameter(property = "zdd.sftpOnly", defaultValue = "false")
    boolean sftpOnly;

    /** Connect and read timeout: {@code 30s}, {@code 2m}. */
    @Parameter(property = "zdd.timeout", defaultValue = "30s")
    String timeout;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Component
    SettingsDecrypter decrypter;


    /**
     * The targets, in the order given: {@code <targets>} if set, else {@code zdd.target} split at commas. Checked
     * before anything is opened: none given, a blank entry or the same root twice is the user's to fix.
     */
    List<String> targetList() throws MojoFailureException {
        List<String> list = targets != null && !targets.isEmpty() ? targets.stream().map(String::strip).toList()
                : target == null ? List.of() : Arrays.stream(target.split(",", -1)).map(String::strip).toList();
        if (list.isEmpty() || list.size() == 1 && list.get(0).isEmpty()) {
            throw new MojoFailureException("zdd: no target: set zdd.target to ssh://user@host/path or a local folder"
                    + " (several, comma-separated, for a fleet)");
        }
        Set<String> roots = new HashSet<>();
        for (String one : list) {
            if (one.isEmpty()) {
                throw new MojoFailureException("zdd: zdd.target '" + String.join(",", list) + "' has an empty entry;"
                        + " separate targets with single commas");
            }
            if (!roots.add(layout(one).root() + "@" + (SshTarget.isSsh(one) ? hostOf(one) : "local"))) {
                throw new MojoFailureException("zdd: the target " + one + " is listed twice");
            }
        }
        return list;
    }

    /** This goal's name as users type it, {@code zdd:deploy-app} for DeployAppMojo. */
    String goal() {
        String name = getClass().getSimpleName().replaceFirst("Mojo$", "");
        return "zdd:" + name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The one target of a goal that does not take a fleet. */
    String singleTarget(String goal) throws MojoFailureException {
        List<String> list = targetList();
        if (list.size() > 1) {
            throw new MojoFailureException(goal + " takes one target, but zdd.target lists " + list.size() + ": "
                    + String.join(", ", list) + "; run it once per target");
        }
        return list.get(0);
    }

    private String hostOf(String ssh) throws MojoFailureException {
        try {
            SshTarget parsed = SshTarget.parse(ssh);
            return parsed.host() + ":" + parsed.port();
        } catch (IllegalArgumentException e) {
            throw malformed(ssh, e);
        }
    }

    /** Opens the single target; connection, host key and login problems are the user's to fix. */
    Transport openTransport() throws MojoFailureException {
        return openTransport(singleTarget(goal()));
    }

    /** Opens one target; connection, host key and login problems are the user's to fix. */
    Transport openTransport(String target) throws MojoFailureException {
        if (target == null || target.isBlank()) {
            throw new MojoFailureException("zdd: no target: set zdd.target to ssh://user@host/path or a local folder");
        }
        if (!SshTarget.isSsh(target)) {
            checkLocalRoot(Path.of(layout(target).root()));
            return new LocalTransport(layout(target).root());
        }
        SshTarget ssh;
        try {
            ssh = SshTarget.parse(target);
        } catch (IllegalArgumentException e) {
            throw malformed(target, e);
        }
        String user = null;
        String password = null;
        Path key = privateKey == null ? null : privateKey.toPath();
        String keyPassphrase = passphrase;
        if (serverId != null) {
            Server server = decryptedServer();
            user = server.getUsername();
            password = server.getPassword();
            if (server.getPrivateKey() != null) {
                key = Path.of(server.getPrivateKey());
            }
            if (server.getPassphrase() != null) {
                keyPassphrase = server.getPassphrase();
            }
        }
        SshTarget withUser = ssh.withDefaultUser(user != null ? user : System.getProperty("user.name"));
        try {
            return SshConnector.connect(withUser, new SshSettings(key, keyPassphrase, password,
                    knownHosts.toPath(), insecureSkipHostKeyCheck, sftpOnly, DurationText.parse(timeout,
                    "zdd.timeout")), line -> getLog().warn(line));
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoFailureException("zdd: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a deploy root that does not exist yet is fine for this goal (a first deploy makes it); for the goals
     * that only read or switch one, it is an error.
     */
    boolean createsTarget() {
        return false;
    }

    /** Whether this goal puts releases into the target (and so loses them when the target is deleted). */
    boolean publishesReleases() {
        return false;
    }

    /**
     * {@code mvn clean} deletes a deploy root inside the build folder, live release and all. Compared as real
     * paths (a symlinked checkout, or {@code /var} on macOS).
     */
    private void warnIfInsideBuildFolder(Path root) {
        Path build = realOrAsWritten(BuildDirectory.of(project));
        if (realOrAsWritten(root).startsWith(build)) {
            getLog().warn("zdd: the deploy root " + root + " is inside the build folder " + build + ": mvn clean"
                    + " deletes every release in it, the live one too, and rollback has nothing left; point"
                    + " zdd.target at a folder outside the project, or at a server");
        }
    }

    /** The real path of {@code path}'s nearest existing folder, with the rest of {@code path} after it. */
    private static Path realOrAsWritten(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path existing = absolute; existing != null; existing = existing.getParent()) {
            if (Files.exists(existing)) {
                try {
                    return existing.toRealPath().resolve(existing.relativize(absolute));
                } catch (IOException e) {
                    return absolute;
                }
            }
        }
        return absolute;
    }

    /** A local root is checked before anything is created: a typo must not become a new folder tree. */
    private void checkLocalRoot(Path root) throws MojoFailureException {
        if (publishesReleases()) {
            warnIfInsideBuildFolder(root);
        }
        if (Files.isDirectory(root)) {
            return;
        }
        if (Files.exists(root)) {
            throw new MojoFailureException("zdd: the target " + root + " is a file, not a folder; set zdd.target to the"
                    + " deploy root folder");
        }
        if (!createsTarget()) {
            throw new MojoFailureException("zdd: the target " + root + " does not exist: nothing was ever deployed"
                    + " there; check zdd.target");
        }
        if (root.getParent() == null || !Files.isDirectory(root.getParent())) {
            throw new MojoFailureException("zdd: the target's parent folder " + root.getParent() + " does not exist;"
                    + " create it first, or check zdd.target for a typo (nothing was created)");
        }
    }

    private Server decryptedServer() throws MojoFailureException {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new MojoFailureException("zdd: no <server> with id '" + serverId + "' in settings.xml");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("zdd: cannot decrypt server '" + serverId + "': "
                        + problem.getMessage());
            }
        }
        return result.getServer();
    }

    private static MojoFailureException malformed(String target, IllegalArgumentException e) {
        return new MojoFailureException("zdd: zdd.target '" + target + "' is not ssh://user@host[:port]/absolute/path"
                + " or a local folder: " + e.getMessage(), e);
    }

    /** The single target's layout. */
    DeployLayout layout() throws MojoFailureException {
        return layout(singleTarget(goal()));
    }

    DeployLayout layout(String target) throws MojoFailureException {
        if (SshTarget.isSsh(target)) {
            try {
                return new DeployLayout(SshTarget.parse(target).path());
            } catch (IllegalArgumentException e) {
                throw malformed(target, e);
            }
        }
        String local = target.startsWith("file:") ? Path.of(URI.create(target)).toString() : target;
        Path base = BuildDirectory.basedir(project);
        return new DeployLayout(base.resolve(local).toAbsolutePath().normalize().toString());
    }
}
