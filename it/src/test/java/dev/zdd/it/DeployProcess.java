package dev.zdd.it;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.DeployListener;
import dev.zdd.deploy.DeployOptions;
import dev.zdd.deploy.Deployer;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.StagedRelease;
import dev.zdd.deploy.ssh.SshConnector;
import dev.zdd.deploy.ssh.SshSettings;
import dev.zdd.deploy.ssh.SshTarget;
import dev.zdd.deploy.transport.Transport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One deploy in a process of its own, so that a test can kill it with SIGKILL wherever it is: the engine as
 * {@code zdd:deploy} runs it, without Maven's start-up around it. Prints each stage as it starts.
 *
 * <p>Arguments: target URL, private key, known_hosts, staged folder, release id, and optionally zdd.timeout in
 * seconds (default 20).
 */
public final class DeployProcess {
    private DeployProcess() {
    }

    public static void main(String[] args) throws Exception {
        SshTarget target = SshTarget.parse(args[0]);
        SshSettings settings = new SshSettings(Path.of(args[1]), null, null, Path.of(args[2]), false, false,
                Duration.ofSeconds(args.length > 5 ? Long.parseLong(args[5]) : 20));
        Actor actor = Actor.current(null, null, System.getenv());
        try (Transport transport = SshConnector.connect(target, settings, System.out::println)) {
            new Deployer(transport, new DeployLayout(target.path()), actor, new DeployListener() {
                @Override
                public void stage(Stage stage, String detail) {
                    System.out.println(stage.id() + ": " + detail);
                }

                @Override
                public void progress(int files, int totalFiles, long bytes, long totalBytes, long elapsedMillis) {
                }

                @Override
                public void info(String line) {
                    System.out.println(line);
                }

                @Override
                public void warn(String line) {
                    System.out.println(line);
                }
            }).deploy(StagedRelease.read(Path.of(args[3])), new DeployOptions(args[4], 3, 2, Duration.ofMinutes(30),
                    Duration.ZERO, false));
        }
    }
}
