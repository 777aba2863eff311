package dev.zdd.deploy.app;

import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.transport.CommandFailedException;
import dev.zdd.deploy.transport.Host;
import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

/**
 * The classic switch: zdd owns one include file holding the live slot's {@code server} line. The new file is
 * renamed into place, nginx checks its configuration, and only then reloads; when the check fails the previous
 * file is put back and nginx is not reloaded, so the old slot keeps serving.
 */
public final class NginxUpstreamSwitch implements ProxySwitch {
    private static final String MARK = "# zdd: slot ";

    private final Transport transport;
    private final Host host;
    private final AppSettings settings;
    private final String file;

    public NginxUpstreamSwitch(Transport transport, Host host, AppSettings settings, SlotLayout slots) {
        this.transport = transport;
        this.host = host;
        this.settings = settings;
        this.file = settings.upstreamFile() != null ? settings.upstreamFile() : slots.defaultUpstreamFile();
    }

    /** The include for a slot: a comment naming it, then its server line. */
    static String include(Slot slot, int port) {
        return MARK + slot.id() + " (written by zdd; replaced at each switch)\nserver 127.0.0.1:" + port + ";\n";
    }

    @Override
    public String switchTo(Slot slot) throws IOException, DeployException {
        byte[] previous;
        try {
            previous = transport.read(file);
        } catch (NoSuchFileException e) {
            previous = null;
        }
        transport.writeAtomically(file, include(slot, settings.port(slot)).getBytes(StandardCharsets.UTF_8));
        try {
            host.run(settings.nginxTest());
        } catch (CommandFailedException e) {
            restore(previous);
            throw new DeployException(Stage.SWITCHED, "'" + settings.nginxTest() + "' refused the configuration"
                    + " with " + file + " pointing at slot " + slot.id() + " (exit " + e.exitStatus() + "): "
                    + e.errorOutput().strip() + "\nthe previous " + file + " is back and nginx was not reloaded;"
                    + " the live slot keeps serving");
        }
        try {
            host.run(settings.nginxReload());
        } catch (CommandFailedException e) {
            restore(previous);
            throw new DeployException(Stage.SWITCHED, "'" + settings.nginxReload() + "' failed (exit "
                    + e.exitStatus() + "): " + e.errorOutput().strip() + "\nthe previous " + file + " is back; nginx"
                    + " still runs its previous configuration");
        }
        return file + " -> 127.0.0.1:" + settings.port(slot) + " (slot " + slot.id() + "), '"
                + settings.nginxTest() + "' passed, '" + settings.nginxReload() + "' done";
    }

    private void restore(byte[] previous) throws IOException {
        if (previous == null) {
            transport.removeTree(file);
        } else {
            transport.writeAtomically(file, previous);
        }
    }

    /** The slot named by the include zdd wrote; null for a placeholder written by hand (before a first deploy). */
    @Override
    public Slot live() throws IOException {
        String text;
        try {
            text = new String(transport.read(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!text.startsWith(MARK)) {
            return null;
        }
        String id = text.substring(MARK.length()).split("[ \n]", 2)[0];
        try {
            return Slot.of(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
