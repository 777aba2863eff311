package dev.zdd.testing;

import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.app.AppSettings;
import dev.zdd.deploy.app.SavedAppSettings;
import dev.zdd.deploy.app.Slot;
import dev.zdd.deploy.app.SlotProcesses;
import dev.zdd.deploy.transport.LocalTransport;
import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** After an app test: every slot an app deploy started on a target is stopped, its stop timer cancelled first. */
public final class AppSlots {
    private AppSlots() {
    }

    /** Stops the slots of the app deployed to {@code transport}'s root, as its saved settings run them. */
    public static void stopAll(Transport transport, DeployLayout layout) throws IOException, DeployException {
        AppSettings saved = SavedAppSettings.read(transport, layout);
        if (saved == null) {
            return;
        }
        SlotProcesses processes = new SlotProcesses(transport.host(), layout, saved);
        for (Slot slot : Slot.values()) {
            processes.cancelStop(slot);
            processes.stop(slot, null);
        }
    }

    /** The same for a local deploy root; nothing when the root was never made. */
    public static void stopAll(Path root) throws IOException, DeployException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Transport transport = new LocalTransport(root.toString())) {
            stopAll(transport, new DeployLayout(root.toString()));
        }
    }
}
