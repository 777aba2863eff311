package dev.zdd.deploy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Who runs a deploy and from what: recorded in the lock, the release and the log.
 *
 * @param user   the local user name
 * @param host   the local host name
 * @param pid    this process
 * @param gitSha the commit being deployed, or null
 * @param version the project version, or null
 * @param ciUrl  the CI job's URL when run in CI, or null
 */
public record Actor(String user, String host, long pid, String gitSha, String version, String ciUrl) {

    /** The current process, with what the environment tells about CI. */
    public static Actor current(String gitSha, String version, Map<String, String> env) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = env.getOrDefault("HOSTNAME", "unknown");
        }
        return new Actor(System.getProperty("user.name", "unknown"), host, ProcessHandle.current().pid(), gitSha,
                version, ciUrl(env));
    }

    /** The CI job's URL, for the common CI systems. */
    static String ciUrl(Map<String, String> env) {
        if (env.containsKey("GITHUB_RUN_ID") && env.containsKey("GITHUB_REPOSITORY")) {
            return env.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/" + env.get("GITHUB_REPOSITORY")
                    + "/actions/runs/" + env.get("GITHUB_RUN_ID");
        }
        for (String name : new String[]{"CI_JOB_URL", "BUILD_URL", "CIRCLE_BUILD_URL"}) {
            if (env.get(name) != null) {
                return env.get(name);
            }
        }
        return null;
    }

    public String who() {
        return user + "@" + host;
    }
}
