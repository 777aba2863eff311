package dev.zdd.deploy.app;

import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.transport.Host;
import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines {@code zdd:releases} adds for an app: each slot's release, state, process and address. */
public final class SlotTable {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private SlotTable() {
    }

    public static List<String> lines(Transport transport, DeployLayout layout, AppSettings settings)
            throws IOException {
        SlotLayout slots = new SlotLayout(layout);
        Host host = transport.host();
        SlotProcesses processes = host == null ? null : new SlotProcesses(host, layout, settings);
        String format = "%-6s %-34s %-26s %-8s %s";
        List<String> lines = new ArrayList<>();
        lines.add("Slots (" + settings.mode().id() + " switch):");
        lines.add(String.format(Locale.ROOT, format, "SLOT", "RELEASE", "STATE", "PID", "ADDRESS"));
        for (Slot slot : Slot.values()) {
            SlotState state = SlotState.read(transport, slots, slot);
            boolean running = processes != null && state.release() != null && processes.alive(slot);
            long pid = processes == null || !settings.managed() || !running ? 0 : processes.pid(slot);
            String role = state.role() == null ? SlotState.STOPPED : state.role();
            String shown = switch (role) {
                case SlotState.LIVE -> running ? "live" : "live, NOT RUNNING";
                case SlotState.KEPT -> running ? "kept until " + (state.keptUntil() == null ? "?"
                        : CLOCK.format(state.keptUntil())) : "stopped";
                case SlotState.STARTING -> running ? "starting (or abandoned)" : "stopped (start failed)";
                default -> "stopped";
            };
            String address = settings.mode() == AppSettings.SwitchMode.SOCKET ? slots.socket(slot)
                    : "127.0.0.1:" + settings.port(slot);
            lines.add(String.format(Locale.ROOT, format, slot.id(), state.release() == null ? "-" : state.release(),
                    shown, pid == 0 ? "-" : String.valueOf(pid), address));
        }
        return lines;
    }
}
