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
 */
public record SshSettings(Path privateKey, String passphrase, String password, Path knownHosts,
                          boolean insecureSkipHostKeyCheck, boolean sftpOnly, Duration timeout) {
}
