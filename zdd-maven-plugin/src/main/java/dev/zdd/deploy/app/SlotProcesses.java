package dev.zdd.deploy.app;

import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.transport.Host;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import static dev.zdd.deploy.transport.Shell.quote;

/**
 * Starts, stops and watches the app on a slot by running shell scripts on its host. zdd's own processes run in a
 * session of their own ({@code setsid}, input from /dev/null, output to the slot's log), so they outlive the SSH
 * connection and the build; their process group is stopped as a whole, and only if it is still the one zdd
 * started (its leader's pid and start time), so a recycled pid is never signalled. With a {@code stop} command a service
 * manager owns the process instead.
 */
public final class SlotProcesses {
    private final Host host;
    private final DeployLayout layout;
    private final SlotLayout slots;
    private final AppSettings settings;

    public SlotProcesses(Host host, DeployLayout layout, AppSettings settings) {
        this.host = host;
        this.layout = layout;
        this.slots = new SlotLayout(layout);
        this.settings = settings;
    }

    /** A new instance id for a start: it tells zdd's process on a slot apart from anything that reuses its pid. */
    public static String newInstance() {
        return UUID.randomUUID().toString();
    }

    /**
     * Starts {@code releaseId} on {@code slot}: detached (zdd's own) or through the start command of a service
     * manager, which must return once the service is started.
     *
     * @return the process id, or 0 when a service manager runs it
     */
    public long start(Slot slot, String releaseId, String instance) throws IOException {
        String dir = slots.slot(slot);
        StringBuilder script = new StringBuilder()
                .append("d=").append(quote(dir)).append("; mkdir -p \"$d\" && cd -- ")
                .append(quote(layout.release(releaseId))).append(" || exit 1\n")
                .append(environment(slot, releaseId, instance));
        if (settings.mode() == AppSettings.SwitchMode.SOCKET) {
            script.append("rm -f -- ").append(quote(slots.socket(slot))).append('\n');
        }
        if (!settings.managed()) {
            script.append("sh -c ").append(quote(settings.start())).append('\n');
            host.run(script.toString());
            return 0;
        }
        script.append("if [ -f \"$d/app.log\" ]; then mv -f \"$d/app.log\" \"$d/app.log.1\"; fi\n")
                .append("setsid sh -c ").append(quote(settings.start()))
                .append(" </dev/null >\"$d/app.log\" 2>&1 &\n")
                .append("p=$!\n")
                .append(STARTTIME)
                .append("echo \"$p $(starttime $p)\" > \"$d/pid\"\necho $p\n");
        return Long.parseLong(host.run(script.toString()).strip());
    }

    /** Stops whatever zdd runs on {@code slot}, gracefully first; true if something had to be killed. */
    public boolean stop(Slot slot, String releaseId) throws IOException {
        return host.run(stopScript(slot, releaseId)).contains("killed");
    }

    /**
     * Cancels the slot's stop timer and stops what runs there, in one command (each command pays the account's
     * login scripts on a server); true if something had to be killed.
     */
    public boolean cancelAndStop(Slot slot, String releaseId) throws IOException {
        return host.run(cancelScript(slot) + stopScript(slot, releaseId)).contains("killed");
    }

    /** Whether zdd's process on the slot still runs (always true for a service manager's: zdd cannot tell). */
    public boolean alive(Slot slot) throws IOException {
        if (!settings.managed()) {
            return true;
        }
        return host.run(ownGroup(slot) + "if own; then echo yes; else echo no; fi\n").strip().equals("yes");
    }

    /** The process id zdd started on the slot, or 0. */
    public long pid(Slot slot) throws IOException {
        String out = host.run("cat " + quote(slots.pid(slot)) + " 2>/dev/null || true").strip();
        return out.isEmpty() ? 0 : Long.parseLong(out.split(" ")[0]);
    }

    /**
     * Stops the slot after {@code delay}, by a timer that lives on the host (the build may end meanwhile). Only
     * that slot's process, and only while the timer is not cancelled.
     */
    public void stopLater(Slot slot, String releaseId, Duration delay) throws IOException {
        String timer = slots.timer(slot);
        String token = UUID.randomUUID().toString();
        String later = "sleep " + Math.max(0, delay.toSeconds()) + "\n"
                + "[ \"$(cat " + quote(timer) + " 2>/dev/null)\" = " + token + " ] || exit 0\n"
                + stopScript(slot, releaseId)
                + "rm -f -- " + quote(timer) + "\n";
        host.run("d=" + quote(slots.slot(slot)) + "; mkdir -p \"$d\"\n"
                + cancelScript(slot)
                + "echo " + token + " > " + quote(timer) + "\n"
                + "setsid sh -c " + quote(later) + " </dev/null >>\"$d/timer.log\" 2>&1 &\n"
                + "echo $! > \"$d/timer.pid\"\n");
    }

    /** Cancels the slot's stop timer, if any. */
    public void cancelStop(Slot slot) throws IOException {
        host.run(cancelScript(slot));
    }

    /** The last lines of the slot's log (empty for a service manager's process, whose log zdd does not hold). */
    public String logTail(Slot slot, int lines) throws IOException {
        if (!settings.managed()) {
            return "";
        }
        return host.run("tail -n " + lines + " -- " + quote(slots.log(slot)) + " 2>/dev/null || true");
    }

    private String cancelScript(Slot slot) {
        String dir = slots.slot(slot);
        return "rm -f -- " + quote(dir + "/timer") + "\n"
                + "p=$(cat " + quote(dir + "/timer.pid") + " 2>/dev/null) && [ -n \"$p\" ] && kill -TERM -$p"
                + " 2>/dev/null\nrm -f -- " + quote(dir + "/timer.pid") + "\n";
    }

    private String stopScript(Slot slot, String releaseId) {
        if (!settings.managed()) {
            return "cd -- " + quote(slots.slot(slot)) + " 2>/dev/null || cd /\n"
                    + environment(slot, releaseId, "") + "sh -c " + quote(settings.stop()) + "\n";
        }
        long ticks = Math.max(1, settings.stopTimeout().toMillis() / 100);
        return ownGroup(slot)
                + "if own; then\n"
                + "  kill -TERM -$pid 2>/dev/null || kill -TERM $pid 2>/dev/null\n"
                + "  n=0\n"
                + "  while own; do\n"
                + "    if [ $n -ge " + ticks + " ]; then kill -KILL -$pid 2>/dev/null; kill -KILL $pid 2>/dev/null;"
                + " echo killed; break; fi\n"
                + "    sleep 0.1; n=$((n+1))\n"
                + "  done\n"
                + "fi\n"
                + "rm -f -- " + quote(slots.pid(slot)) + "\n";
    }

    /** Defines {@code starttime PID}: when the process started, in clock ticks since boot; fixed from its fork on. */
    private static final String STARTTIME = "starttime() { s=$(cat /proc/$1/stat 2>/dev/null) || return 0;"
            + " s=${s##*\") \"}; set -- $s; echo \"${20}\"; }\n";

    /**
     * Defines {@code own}: true while the process zdd started on the slot, or its process group, still runs. The
     * leader is recognised by pid and start time, so a recycled pid is never taken for it; a leader that exited
     * (reaped, or a zombie not reaped yet) leaves its group ours while any live process remains in it, and a group
     * id cannot be reused while it has members. Without /proc (not Linux) the group's existence has to do.
     */
    private String ownGroup(Slot slot) {
        return STARTTIME
                + "pid=; st=\n"
                + "if [ -r " + quote(slots.pid(slot)) + " ]; then read -r pid st < " + quote(slots.pid(slot))
                + "; fi\n"
                + "members() {\n"
                + "  [ -d /proc/self ] || { kill -0 -$pid 2>/dev/null; return; }\n"
                + "  for f in /proc/[0-9]*/stat; do\n"
                + "    read -r l < \"$f\" 2>/dev/null || continue\n"
                + "    l=${l##*\") \"}; set -- $l\n"
                + "    [ \"$3\" = \"$pid\" ] && [ \"$1\" != Z ] && return 0\n"
                + "  done\n"
                + "  return 1\n"
                + "}\n"
                + "own() {\n"
                + "  [ -n \"$pid\" ] || return 1\n"
                + "  if s=$(cat /proc/$pid/stat 2>/dev/null); then\n"
                + "    s=${s##*\") \"}; set -- $s\n"
                // The leader runs (before it calls setsid its group does not exist yet): ours if it is the same.
                + "    if [ \"$1\" != Z ]; then [ \"${20}\" = \"$st\" ]; return; fi\n"
                + "  fi\n"
                + "  members\n"
                + "}\n";
    }

    private String environment(Slot slot, String releaseId, String instance) {
        StringBuilder env = new StringBuilder()
                .append("export ZDD_SLOT=").append(slot.id())
                .append(" ZDD_RELEASE=").append(quote(releaseId))
                .append(" ZDD_INSTANCE=").append(quote(instance))
                .append(" ZDD_LOG=").append(quote(slots.log(slot)));
        if (settings.mode() == AppSettings.SwitchMode.SOCKET) {
            env.append(" ZDD_SOCKET=").append(quote(slots.socket(slot)));
        } else {
            env.append(" PORT=").append(settings.port(slot));
        }
        return env.append('\n').toString();
    }
}
