package dev.zdd.deploy.ssh;

import net.schmizz.sshj.transport.cipher.Cipher;

import java.security.SecureRandom;

/**
 * Gets the JDK's AES-GCM compiled before a large upload's bytes go out. sshj encrypts every SSH packet (at most
 * 32 kB) with calls of its own, and HotSpot compiles those calls with the compiler that uses the processor's AES
 * and carry-less multiplication instructions only after some thousands of them: a fresh {@code mvn} sends its
 * first tens of megabytes through GCM's plain Java code, many times slower. Encrypting a few thousand tiny
 * throwaway packets through the same code (a quarter of a second on one core) while the server starts the
 * release's command, when the client only waits, brings the compiled code in before the upload needs it. The key
 * is random and the output dropped: nothing of it reaches the connection.
 */
final class AesGcmWarmUp {
    /** What HotSpot needs to see before it compiles a method with its optimizing compiler: some thousand calls. */
    private static final int PACKETS = 5000;
    /** Tiny packets: the calls count, not the bytes. */
    private static final int PACKET_BYTES = 64;

    private final int keyBytes;

    private AesGcmWarmUp(int keyBytes) {
        this.keyBytes = keyBytes;
    }

    /** The warm-up for what sshj negotiated to encrypt with, or null when that is not {@link JdkAesGcm}. */
    static AesGcmWarmUp forCipher(String negotiated) {
        for (JdkAesGcmFactory factory : SshAlgorithms.JDK_AES_GCM) {
            if (factory.getName().equals(negotiated)) {
                return new AesGcmWarmUp(factory.keyBytes());
            }
        }
        return null;
    }

    /** Starts it on a daemon thread and returns that thread. */
    Thread start() {
        Thread thread = new Thread(this::run, "zdd-aes-gcm-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The warm-up itself, on the caller's thread. */
    void run() {
        byte[] key = new byte[keyBytes];
        byte[] iv = new byte[12];
        SecureRandom random = new SecureRandom();
        random.nextBytes(key);
        random.nextBytes(iv);
        JdkAesGcm gcm = new JdkAesGcm(keyBytes);
        gcm.init(Cipher.Mode.Encrypt, key, iv);
        // As sshj lays out a packet: its 4-byte length (authenticated, not encrypted), the payload, room for the tag.
        byte[] packet = new byte[4 + PACKET_BYTES + gcm.getAuthenticationTagSize()];
        for (int i = 0; i < PACKETS; i++) {
            gcm.updateAAD(packet, 0, 4);
            gcm.update(packet, 4, PACKET_BYTES);
        }
    }
}
