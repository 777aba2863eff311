package dev.zdd.deploy.ssh;

import com.hierynomus.sshj.transport.cipher.GcmCipher;
import net.schmizz.sshj.common.SSHRuntimeException;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/** sshj's AES-GCM cipher, but with the JDK's AES/GCM implementation instead of the registered provider's. */
final class JdkAesGcm extends GcmCipher {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    JdkAesGcm(int keyBytes) {
        super(12, 16, keyBytes, "AES", TRANSFORMATION);
    }

    @Override
    public void init(Mode mode, byte[] key, byte[] iv) {
        try {
            // The default provider order puts the JDK's own SunJCE first; BouncyCastle is appended after it.
            cipher = Cipher.getInstance(TRANSFORMATION);
            initCipher(cipher, mode, Arrays.copyOf(key, getBlockSize()), Arrays.copyOf(iv, getIVSize()));
        } catch (GeneralSecurityException e) {
            cipher = null;
            throw new SSHRuntimeException(e);
        }
    }
}
