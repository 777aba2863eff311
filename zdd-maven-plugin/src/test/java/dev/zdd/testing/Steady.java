package dev.zdd.testing;

import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Waits for a server's answer to settle after a change. An nginx reload is asynchronous: until its old workers
 * have taken their signal, a new connection may still reach one of them and get the old answer, even after a new
 * worker gave the new one. So one matching answer proves little; {@value #IN_A_ROW} in a row do.
 */
public final class Steady {
    private static final int IN_A_ROW = 10;
    private static final long TIMEOUT_MILLIS = 15_000;

    private Steady() {
    }

    /** Asks until {@code fetch} answers {@code expected} {@value #IN_A_ROW} times in a row; fails at the timeout. */
    public static void answers(String expected, Callable<String> fetch) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        int inARow = 0;
        String last = null;
        while (inARow < IN_A_ROW && System.currentTimeMillis() < deadline) {
            last = fetch.call();
            inARow = expected.equals(last) ? inARow + 1 : 0;
            if (inARow == 0) {
                Thread.sleep(50);
            }
        }
        assertEquals(IN_A_ROW, inARow, "no steady '" + expected + "' within " + TIMEOUT_MILLIS + " ms; the last"
                + " answer was '" + last + "'");
    }
}
