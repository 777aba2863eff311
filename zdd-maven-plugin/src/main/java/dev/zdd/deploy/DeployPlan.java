package dev.zdd.deploy;

import dev.zdd.hasher.text.ByteSize;
import dev.zdd.deploy.transport.Transport;

import java.util.List;

/**
 * What a deploy will do, worked out from the server's real state before anything changes.
 *
 * @param releaseId  the new release
 * @param liveId     the release live now, or null on a first deploy
 * @param send       files (release paths) whose bytes travel
 * @param reuse      files identical in the live release, hard-linked from it instead
 * @param carryOver  hashed assets of recent releases the new one lacks, kept in it so that pages already loaded
 *                   keep working after the swap (release paths)
 * @param links      the hard links that make the new release's reused and carried-over files, on the server
 * @param bytesToSend  sum of the sizes of {@code send}
 * @param bytesReused  sum of the sizes of {@code reuse}
 * @param prune      releases that pruning will remove after a successful swap
 */
public record DeployPlan(String releaseId, String liveId, List<String> send, List<String> reuse,
                         List<String> carryOver, List<Transport.Link> links, long bytesToSend, long bytesReused,
                         List<String> prune) {

    public int files() {
        return send.size() + reuse.size();
    }

    public List<String> summary() {
        return List.of(
                "release " + releaseId + (liveId == null ? " (first deploy)" : ", replacing " + liveId),
                send.size() + " file(s) to send (" + ByteSize.format(bytesToSend) + "), "
                        + reuse.size() + " unchanged, hard-linked from the live release ("
                        + ByteSize.format(bytesReused) + ")",
                carryOver.size() + " hashed asset(s) carried over from earlier releases",
                prune.isEmpty() ? "no release to prune" : "to prune after the swap: " + String.join(", ", prune));
    }
}
