package dev.zdd.deploy.app;

import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

/**
 * A host behind a load balancer that other hosts run: the balancer's include is switched once for the whole fleet
 * ({@link SharedUpstream}), so here a switch only records which slot that include names for this host. The record
 * is what tells the next deploy which slot is idle.
 */
public final class SharedProxyMember implements ProxySwitch {
    private final Transport transport;
    private final SlotLayout slots;

    public SharedProxyMember(Transport transport, SlotLayout slots) {
        this.transport = transport;
        this.slots = slots;
    }

    @Override
    public String switchTo(Slot slot) throws IOException {
        transport.writeAtomically(slots.liveSlotFile(), (slot.id() + "\n").getBytes(StandardCharsets.UTF_8));
        return "slot " + slot.id() + " takes this host's share of the shared proxy's traffic ("
                + slots.liveSlotFile() + ")";
    }

    @Override
    public Slot live() throws IOException {
        try {
            return Slot.of(new String(transport.read(slots.liveSlotFile()), StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IllegalArgumentException e) {
            throw new IOException(slots.liveSlotFile() + " names no slot (blue or green); it is written by zdd only,"
                    + " remove it only if no slot runs", e);
        }
    }
}
