package dev.zdd.it;

import dev.zdd.deploy.app.AppSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blue/green switches of a real app under continuous load through a real nginx, deployed over a real sshd:
 * 20+ switches per mode (deploys, and rollbacks inside the keep window, which must start nothing), and no request
 * may get anything but 2xx. Keep-alive clients: in socket mode not even a socket error is allowed; in nginx mode
 * each reload closes idle keep-alive connections, so the test counts those but allows them (see the README).
 */
class AppZeroDowntimeTest {
    private static final int PAIRS = 10;
    private static final int CLIENTS = 4;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void socketModeSwitchesUnderLoadWithoutASingleError() throws Exception {
        Result result = switchUnderLoad(AppSettings.SwitchMode.SOCKET, true);
        assertEquals(0, result.non2xx + result.socketErrors, result.toString());
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void nginxModeSwitchesUnderLoadWithout5xx() throws Exception {
        Result result = switchUnderLoad(AppSettings.SwitchMode.NGINX, true);
        assertEquals(0, result.non2xx, result.toString());
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void nginxModeWithConnectionCloseClientsHasNoErrorAtAll() throws Exception {
        Result result = switchUnderLoad(AppSettings.SwitchMode.NGINX, false);
        assertEquals(0, result.non2xx + result.socketErrors, result.toString());
    }

    private record Result(String mode, int switches, long requests, long non2xx, long socketErrors,
                          java.util.List<String> samples) {
    }

    private Result switchUnderLoad(AppSettings.SwitchMode mode, boolean keepAlive) throws Exception {
        try (AppStage stage = AppStage.start(work, mode)) {
            stage.deploy(0);
            int switches = 0;
            Result result;
            try (LoadGenerator load = LoadGenerator.start(stage.nginx().port(), "/", CLIENTS, keepAlive)) {
                for (int i = 1; i <= PAIRS; i++) {
                    stage.deploy(i);
                    switches++;
                    String how = stage.rollback();
                    assertTrue(how.contains("nothing started"), "a rollback inside the window: " + how);
                    switches++;
                }
                load.close();
                result = new Result(mode.id() + (keepAlive ? ", keep-alive" : ", Connection: close"), switches,
                        load.requests(), load.non2xx(), load.socketErrors(), load.samples());
            }
            System.out.printf("app zero-downtime (%s): %d switches, %d requests, %d non-2xx, %d socket errors%n",
                    result.mode, result.switches, result.requests, result.non2xx, result.socketErrors);
            assertTrue(result.switches >= 20, result.toString());
            assertTrue(result.requests >= 500, "too little load to prove anything: " + result);
            return result;
        }
    }
}
