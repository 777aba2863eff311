package dev.zdd.deploy.ssh;

import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * {@link JdkAesGcm} under its SSH name, as sshj's configuration lists ciphers; a file of its own so that sshj's
 * Cipher and the JDK's each go by their simple name.
 */
record JdkAesGcmFactory(String name, int keyBytes) implements Factory.Named<Cipher> {
    @Override
    public Cipher create() {
        return new JdkAesGcm(keyBytes);
    }

    @Override
    public String getName() {
        return name;
    }
}
