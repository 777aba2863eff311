package dev.zdd.deploy.ssh;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

import java.io.File;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * Checks the server's host key against a known_hosts file and remembers why it refused one, so the error can
 * name the key's fingerprint the way {@code ssh} prints it ({@code SHA256:...}).
 */
final class HostKeyCheck extends OpenSSHKnownHosts {
    private String refusal;

    HostKeyCheck(File knownHosts) throws IOException {
        super(knownHosts);
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        refusal = "the host key of " + hostname + " is not in " + getFile() + " (" + key.getAlgorithm() + " key "
                + fingerprint(key) + "); check the fingerprint with the server's admin, then add it with"
                + " ssh-keyscan or one ssh login";
        return false;
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        refusal = "the host key of " + hostname + " CHANGED: it is now " + fingerprint(key) + ", which does not"
                + " match " + getFile() + "; someone may be intercepting the connection, or the server was"
                + " reinstalled. Refusing to connect";
        return false;
    }

    /** Why the last key was refused, or null. */
    String refusal() {
        return refusal;
    }

    static String fingerprint(PublicKey key) {
        try {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
