package dev.zdd.deploy.ssh;

import dev.zdd.deploy.transport.Transport;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SecurityUtils;

import java.nio.file.Path;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Run by {@link BouncyCastleOnDemandTest} in a JVM of its own, because a registered security provider stays for
 * the JVM's life: either connects (and says whether BouncyCastle got registered), or prints the algorithms zdd
 * offers next to those sshj offers with BouncyCastle registered the way sshj does it by default.
 */
public final class BouncyCastleProbe {
    private BouncyCastleProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("connect")) {
            SshTarget target = SshTarget.parse(args[1]);
            SshSettings settings = new SshSettings(Path.of(args[2]), null, null, Path.of(args[3]), false, false,
                    Duration.ofSeconds(10));
            try (Transport transport = SshConnector.connect(target, settings, System.out::println,
                    System.out::println)) {
                System.out.println("connected");
                System.out.println("warms up large uploads: " + (transport instanceof ExecTransport exec
                        && exec.warmsUpLargeUploads()));
            }
        } else {
            DefaultConfig zdd = SshAlgorithms.config();
            System.out.println("zdd ciphers " + names(zdd.getCipherFactories()));
            System.out.println("zdd macs " + names(zdd.getMACFactories()));
            SecurityUtils.setRegisterBouncyCastle(true);
            DefaultConfig sshj = new DefaultConfig();
            // zdd puts its own JDK AES-GCM first and drops sshj's of the same names; the rest keeps sshj's order.
            List<String> gcm = List.of("aes256-gcm@openssh.com", "aes128-gcm@openssh.com");
            System.out.println("sshj ciphers " + String.join(",", gcm) + "," + sshj.getCipherFactories().stream()
                    .map(Factory.Named::getName).filter(name -> !gcm.contains(name))
                    .collect(Collectors.joining(",")));
            System.out.println("sshj macs " + names(sshj.getMACFactories()));
        }
        System.out.println("bouncycastle registered: " + (Security.getProvider("BC") != null));
    }

    private static String names(List<? extends Factory.Named<?>> factories) {
        return factories.stream().map(Factory.Named::getName).collect(Collectors.joining(","));
    }
}
