package dev.zdd.deploy.app;

import dev.zdd.deploy.transport.Transport;

import java.io.IOException;

/**
 * The switch without a reload: nginx proxies to {@code live.sock}, a symlink to the live slot's unix socket, and
 * resolves it at each new upstream connection; renaming a new link over it moves the next request, and no
 * client connection is ever closed.
 */
public final class SocketLinkSwitch implements ProxySwitch {
    private final Transport transport;
    private final SlotLayout slots;

    public SocketLinkSwitch(Transport transport, SlotLayout slots) {
        this.transport = transport;
        this.slots = slots;
    }

    @Override
    public String switchTo(Slot slot) throws IOException {
        long started = System.nanoTime();
        transport.swapSymlink(slots.liveSocket(), slots.socketLinkTarget(slot));
        return slots.liveSocket() + " -> " + slots.socketLinkTarget(slot) + " (one rename, "
                + (System.nanoTime() - started) / 1_000_000 + " ms, no reload)";
    }

    @Override
    public Slot live() throws IOException {
        if (transport.kind(slots.liveSocket()) != Transport.PathKind.SYMLINK) {
            return null;
        }
        String target = transport.readLink(slots.liveSocket());
        for (Slot slot : Slot.values()) {
            if (target.equals(slots.socketLinkTarget(slot)) || target.equals(slots.socket(slot))) {
                return slot;
            }
        }
        return null;
    }
}
