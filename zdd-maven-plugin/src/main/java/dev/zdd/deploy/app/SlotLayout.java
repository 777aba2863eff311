package dev.zdd.deploy.app;

import dev.zdd.deploy.DeployLayout;

/**
 * Where an app deploy keeps its things under the deploy root, beside the releases:
 * {@code slots/<slot>/{slot.json,app.log,pid,timer}}, {@code slots/<slot>/app.sock} (socket mode),
 * {@code live.sock -> slots/<slot>/app.sock}, {@code upstream.conf} (nginx mode), {@code slots/live-slot} (behind a shared proxy) and {@code .zdd/app.json}.
 */
public record SlotLayout(DeployLayout deploy) {

    public String slots() {
        return deploy.root() + "/slots";
    }

    public String slot(Slot slot) {
        return slots() + "/" + slot.id();
    }

    public String state(Slot slot) {
        return slot(slot) + "/slot.json";
    }

    public String log(Slot slot) {
        return slot(slot) + "/app.log";
    }

    public String pid(Slot slot) {
        return slot(slot) + "/pid";
    }

    public String timer(Slot slot) {
        return slot(slot) + "/timer";
    }

    public String socket(Slot slot) {
        return slot(slot) + "/app.sock";
    }

    /** What {@link #liveSocket()} points at for a slot: relative, so the root can move. */
    public String socketLinkTarget(Slot slot) {
        return "slots/" + slot.id() + "/app.sock";
    }

    public String liveSocket() {
        return deploy.root() + "/live.sock";
    }

    /** Behind a shared proxy: the slot this host's entry in the proxy's include names. */
    public String liveSlotFile() {
        return slots() + "/live-slot";
    }

    public String defaultUpstreamFile() {
        return deploy.root() + "/upstream.conf";
    }

    /** The app settings of the last deploy, so that a rollback needs only the target. */
    public String settings() {
        return deploy.state() + "/app.json";
    }
}
