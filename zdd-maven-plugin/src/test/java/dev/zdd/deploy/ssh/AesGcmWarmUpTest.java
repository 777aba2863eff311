package dev.zdd.deploy.ssh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AesGcmWarmUpTest {
    @Test
    void onlyTheJdksAesGcmIsWarmedUp() {
        assertNotNull(AesGcmWarmUp.forCipher("aes256-gcm@openssh.com"));
        assertNotNull(AesGcmWarmUp.forCipher("aes128-gcm@openssh.com"));
        assertNull(AesGcmWarmUp.forCipher("chacha20-poly1305@openssh.com"));
        assertNull(AesGcmWarmUp.forCipher("aes256-ctr"));
        assertNull(AesGcmWarmUp.forCipher(null));
    }

    @Test
    void aWarmUpEncryptsWithEitherKeySizeWithoutFailing() {
        AesGcmWarmUp.forCipher("aes256-gcm@openssh.com").run();
        AesGcmWarmUp.forCipher("aes128-gcm@openssh.com").run();
    }

    @Test
    void itRunsOnADaemonThreadThatEnds() throws InterruptedException {
        Thread thread = AesGcmWarmUp.forCipher("aes128-gcm@openssh.com").start();
        assertTrue(thread.isDaemon());
        thread.join(60_000);
        assertFalse(thread.isAlive());
    }
}
