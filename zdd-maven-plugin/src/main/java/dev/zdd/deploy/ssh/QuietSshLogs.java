package dev.zdd.deploy.ssh;

import net.schmizz.sshj.common.LoggerFactory;
import org.slf4j.Logger;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * sshj's own log lines at debug level only: in a build they are noise at info ("Cipher [...] disabled" for every
 * cipher the JDK lacks, identity strings) and false alarms at error ("woke to: Disconnected" after a deploy that
 * went well). What matters reaches the user as zdd's own messages and exceptions; {@code mvn -X} still shows sshj.
 */
final class QuietSshLogs implements LoggerFactory {
    static final QuietSshLogs INSTANCE = new QuietSshLogs();

    /** Each level above debug, and its check, mapped to debug's. */
    private static final Map<String, String> TO_DEBUG = Map.of(
            "trace", "debug", "info", "debug", "warn", "debug", "error", "debug",
            "isTraceEnabled", "isDebugEnabled", "isInfoEnabled", "isDebugEnabled",
            "isWarnEnabled", "isDebugEnabled", "isErrorEnabled", "isDebugEnabled");

    private QuietSshLogs() {
    }

    @Override
    public Logger getLogger(String name) {
        return quiet(DEFAULT.getLogger(name));
    }

    @Override
    public Logger getLogger(Class<?> type) {
        return quiet(DEFAULT.getLogger(type));
    }

    private static Logger quiet(Logger logger) {
        return (Logger) Proxy.newProxyInstance(QuietSshLogs.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    Method target = method;
                    String debug = TO_DEBUG.get(method.getName());
                    if (debug != null) {
                        target = Logger.class.getMethod(debug, method.getParameterTypes());
                    }
                    try {
                        return target.invoke(logger, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
