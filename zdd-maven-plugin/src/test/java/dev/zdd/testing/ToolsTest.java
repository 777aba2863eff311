package dev.zdd.testing;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ToolsTest {
    @Test
    void missingToolFailsWithThePackageToInstall() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Tools.require("/usr/sbin/no-such-sshd", "openssh-server"));
        assertEquals("no-such-sshd not found at /usr/sbin/no-such-sshd: install the Debian package openssh-server"
                + " (.ci/run does)", e.getMessage());
    }

    @Test
    void presentToolIsReturned() {
        assertEquals("/usr/bin/ssh", Tools.require("/usr/bin/ssh", "openssh-client").toString());
    }

    @Test
    void freePortCanBeBound() throws Exception {
        int port = FreePort.find();
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, socket.getLocalPort());
        }
    }
}
