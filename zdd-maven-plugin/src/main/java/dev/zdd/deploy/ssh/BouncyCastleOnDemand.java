package dev.zdd.deploy.ssh;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.cipher.Cipher;
import net.schmizz.sshj.transport.mac.MAC;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Security;
import java.util.ArrayList;
import java.util.List;

/**
 * sshj on the JDK's own algorithms, with BouncyCastle registered only when a connection negotiates one the JDK
 * lacks. Left to itself, sshj registers BouncyCastle before its first key exchange: a signed 8 MB jar whose
 * provider loads and verifies about 600 classes, the largest part of every cold SSH command's start-up
 * (measured in the benchmark's fixed-cost section). Since Java 15 the JDK has every algorithm an OpenSSH server
 * negotiates with zdd (curve25519, Ed25519, ECDSA, RSA, AES-GCM and -CTR, HMAC-SHA2); what it lacks (ChaCha20-
 * Poly1305 as sshj asks for it, CAST, IDEA, Serpent, Twofish, RIPEMD-160 MACs) stays offered, in sshj's own
 * order, behind factories that register BouncyCastle when they are first used.
 */
final class BouncyCastleOnDemand {
    private BouncyCastleOnDemand() {
    }

    /**
     * Before sshj's first use: the JDK's providers when they have the key algorithms sshj cannot do without,
     * else sshj's default (BouncyCastle for everything).
     */
    static void jdkFirst() {
        boolean jdk = Security.getProviders("KeyFactory.Ed25519") != null
                && Security.getProviders("KeyAgreement.X25519") != null
                && Security.getProviders("Cipher.AES/GCM/NoPadding") != null;
        if (jdk) {
            SecurityUtils.setRegisterBouncyCastle(false);
        }
    }

    /**
     * {@code ciphers} (sshj's defaults as the JDK can run them) with the ones that need BouncyCastle put back
     * where sshj's own list has them: ChaCha20-Poly1305 first, CAST, IDEA and Serpent before 3DES, Twofish after.
     */
    static List<Factory.Named<Cipher>> ciphers(List<Factory.Named<Cipher>> ciphers) {
        List<Factory.Named<Cipher>> all = new ArrayList<>();
        addMissing(all, ciphers, List.of(ChachaPolyCiphers.CHACHA_POLY_OPENSSH()));
        for (Factory.Named<Cipher> cipher : ciphers) {
            if (cipher.getName().equals("3des-cbc")) {
                addMissing(all, ciphers, List.of(BlockCiphers.Cast128CBC(), BlockCiphers.Cast128CTR(),
                        BlockCiphers.IDEACBC(), BlockCiphers.IDEACTR(), BlockCiphers.Serpent128CBC(),
                        BlockCiphers.Serpent128CTR(), BlockCiphers.Serpent192CBC(), BlockCiphers.Serpent192CTR(),
                        BlockCiphers.Serpent256CBC(), BlockCiphers.Serpent256CTR()));
            }
            all.add(cipher);
            if (cipher.getName().equals("3des-ctr")) {
                addMissing(all, ciphers, List.of(BlockCiphers.Twofish128CBC(), BlockCiphers.Twofish128CTR(),
                        BlockCiphers.Twofish192CBC(), BlockCiphers.Twofish192CTR(), BlockCiphers.Twofish256CBC(),
                        BlockCiphers.Twofish256CTR(), BlockCiphers.TwofishCBC()));
            }
        }
        return all;
    }

    /** {@code macs} with the RIPEMD-160 ones (no JDK provider has them) registering BouncyCastle when used. */
    static List<Factory.Named<MAC>> macs(List<Factory.Named<MAC>> macs) {
        List<Factory.Named<MAC>> all = new ArrayList<>();
        for (Factory.Named<MAC> mac : macs) {
            all.add(mac.getName().contains("ripemd160") ? new OnDemand<>(mac) : mac);
        }
        return all;
    }

    private static void addMissing(List<Factory.Named<Cipher>> to, List<Factory.Named<Cipher>> present,
                                   List<Factory.Named<Cipher>> candidates) {
        for (Factory.Named<Cipher> candidate : candidates) {
            if (present.stream().noneMatch(c -> c.getName().equals(candidate.getName()))) {
                to.add(new OnDemand<>(candidate));
            }
        }
    }

    /** Appended after the JDK's providers, so it serves only the algorithms they lack. */
    static synchronized void register() {
        Registration.addOnce();
    }

    /**
     * The one place that names BouncyCastle's provider class, loaded only when {@link #register} runs. Named in a
     * method of this class, the JVM's verifier loaded it with this class (to check that it is a {@code Provider}),
     * and the first class read from bcprov's signed jar has the whole jar's signature checked: 0.27 s of every cold
     * SSH command, on connections that never needed BouncyCastle.
     */
    private static final class Registration {
        static void addOnce() {
            if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
                Security.addProvider(new BouncyCastleProvider());
            }
        }
    }

    /** A factory whose algorithm needs BouncyCastle: registers it when a connection first creates one. */
    record OnDemand<T>(Factory.Named<T> factory) implements Factory.Named<T> {
        @Override
        public T create() {
            register();
            return factory.create();
        }

        @Override
        public String getName() {
            return factory.getName();
        }
    }
}
