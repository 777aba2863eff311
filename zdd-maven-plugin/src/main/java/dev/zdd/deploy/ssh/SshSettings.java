package dev.zdd.deploy.ssh;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to log in and whom to trust.
 *
 * @param privateKey          a private key file, or null to try the usual ones in ~/.ssh
 * @param passphrase          the key's passphrase, or null
 * @param password            a password, or null
 * @param knownHosts          the known_hosts file to check the host key against
 * @param insecureSkipHostKeyCheck accept any host key (never for production; logged loudly)
 * @param sftpOnly            use only SFTP, for hosts that allow no shell
 * @param timeout             connect and read timeout
 * @param systemSsh           when large uploads go through the system's OpenSSH client (auto: from 64 MiB)
 */
public record SshSettings(Path privateKey, String passphrase, String password, Path knownHosts,
                          boolean insecureSkipHostKeyCheck, boolean sftpOnly, Duration timeout, String systemSsh) {

    public SshSettings(Path privateKey, String passphrase, String password, Path knownHosts,
                       boolean insecureSkipHostKeyCheck, boolean sftpOnly, Duration timeout) {
        this(privateKey, passphrase, password, knownHosts, insecureSkipHostKeyCheck, sftpOnly, timeout, "auto");
    }

    public SshSettings {
        systemSshMode(systemSsh);
    }

    SystemSsh.Mode systemSshMode() {
        return systemSshMode(systemSsh);
    }

    private static SystemSsh.Mode systemSshMode(String text) {
        for (SystemSsh.Mode mode : SystemSsh.Mode.values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("zdd.systemSsh must be auto, always or never; was '" + text + "'");
    }
}
