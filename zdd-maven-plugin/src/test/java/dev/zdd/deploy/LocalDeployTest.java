package dev.zdd.deploy;

import dev.zdd.deploy.transport.LocalTransport;
import dev.zdd.deploy.transport.Transport;
import dev.zdd.testing.Readme;
import dev.zdd.testing.TmpfsMount;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalDeployTest extends DeployEngineContract {
    @Override
    Transport open() {
        return new LocalTransport(root.toString());
    }

    @Override
    String rootName() {
        return "it's a $(dir) & `x`; y";
    }

    @Test
    void aStagedFolderWithASymlinkOutOfItIsRefused() throws Exception {
        StagedRelease staged = sites.version("v1");
        Files.writeString(work.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(staged.folder().resolve("leak.txt"), work.resolve("secret.txt"));
        DeployException e = assertThrows(DeployException.class, () -> StagedRelease.read(staged.folder()));
        assertTrue(e.getMessage().contains("leak.txt") && e.getMessage().contains("leads outside"), e.getMessage());
    }

    @Test
    void aStagedFolderChangedAfterHashingIsRefused() throws Exception {
        StagedRelease staged = sites.version("v1");
        Files.writeString(staged.folder().resolve("index.html"), "edited by hand after hashing");
        DeployException e = assertThrows(DeployException.class, () -> StagedRelease.read(staged.folder()));
        assertTrue(e.getMessage().contains("changed after it was hashed") && e.getMessage().contains("index.html"),
                e.getMessage());
        Readme.assertTroubleshooting("changed after it was hashed", e.getMessage());
    }

    @Test
    void aFileAddedToTheStagedFolderAfterHashingIsRefused() throws Exception {
        StagedRelease staged = sites.version("v1");
        Files.writeString(staged.folder().resolve("extra.html"), "added by hand after hashing");
        DeployException e = assertThrows(DeployException.class, () -> StagedRelease.read(staged.folder()));
        assertTrue(e.getMessage().contains("extra.html"), e.getMessage());
        Readme.assertTroubleshooting("added after hashing", e.getMessage());
    }

    @Test
    void aFolderWithoutManifestIsDeployedWithOneComputedForIt() throws Exception {
        Path plain = work.resolve("plain");
        Files.createDirectories(plain.resolve("css"));
        Files.writeString(plain.resolve("index.html"), "<p>hi");
        Files.writeString(plain.resolve("css/a.css"), "a{}");
        StagedRelease staged = StagedRelease.read(plain);
        assertEquals(2, staged.manifest().files().size());
        deploy(staged, "r1");
        assertTrue(Files.isRegularFile(root.resolve("current/.zdd/manifest.json")));
        assertEquals("a{}", Files.readString(root.resolve("current/css/a.css")));
    }

    @Test
    void aTargetThatCannotSwapAtomicallyIsRefusedBeforeUploading() throws Exception {
        DeployException e = assertThrows(DeployException.class, () -> {
            try (Transport noRename = new LocalTransport(root.toString()) {
                @Override
                public boolean canSwapAtomically() {
                    return false;
                }
            }) {
                new Deployer(noRename, layout(), ACTOR, listener).deploy(sites.version("v1"),
                        new DeployOptions("r1", 5, 2, LEASE, Duration.ZERO, false));
            }
        });
        assertEquals(Stage.PLANNED, e.stage());
        assertTrue(e.getMessage().contains("cannot replace current in one rename"), e.getMessage());
        assertFalse(Files.exists(root.resolve("releases/r1")));
        assertFalse(Files.exists(root.resolve(".zdd/lock")));
    }

    @Test
    void releaseIdsAreValidated() {
        for (String bad : new String[]{"../x", "a/b", "", ".hidden", "a..b", "x y"}) {
            assertThrows(IllegalArgumentException.class, () -> new DeployOptions(bad, 5, 2, LEASE, Duration.ZERO,
                    false), bad);
        }
        assertTrue(ReleaseId.generate(java.time.Instant.parse("2026-11-24T06:15:00.123Z"), "3F2A1B4C9")
                .equals("20261124T061500.123Z-3f2a1b4"));
    }

    @Test
    void aPruneCutShortLeavesAnIncompleteReleaseNeverADamagedCompleteOne() throws Exception {
        for (int i = 1; i <= 3; i++) {
            deploy(sites.version("v" + i), "r" + i, 1);
        }
        // The next prune removes r2 (r1 went with r3's); this transport dies while it deletes r2's files, as a kill -9
        // would.
        Transport dying = new LocalTransport(root.toString()) {
            @Override
            public void removeTree(String path) throws java.io.IOException {
                if (path.endsWith("/releases/r2")) {
                    Files.delete(Path.of(path, "index.html"));
                    throw new java.io.IOException("killed while pruning");
                }
                super.removeTree(path);
            }
        };
        assertThrows(DeployException.class, () -> new Deployer(dying, layout(), ACTOR, listener).deploy(
                sites.version("v4"), new DeployOptions("r4", 1, 2, LEASE, Duration.ZERO, false)));
        assertEquals("releases/r4", current());
        try (Transport transport = open()) {
            ReleaseStore.Release r2 = new ReleaseStore(transport, layout()).releases().stream()
                    .filter(r -> r.id().equals("r2")).findFirst().orElseThrow();
            assertFalse(r2.complete(), "release.json goes first, so a half-pruned release is never a rollback target");
        }
    }

    private void deploy(StagedRelease staged, String id, int keep) throws Exception {
        deploy(staged, new DeployOptions(id, keep, 2, LEASE, Duration.ZERO, false));
    }

    @Test
    void aFullDiskWhenTakingTheLockNamesTheCauseAndLeavesNoHalfMadeLock() throws Exception {
        // A 64 KiB tmpfs: a real full disk, as CI (root, like this machine) can mount one.
        try (TmpfsMount small = TmpfsMount.of(work.resolve("small-disk"), "64k")) {
            Path disk = small.folder();
            Path full = disk.resolve("www");
            Files.createDirectories(full.resolve(".zdd"));
            try (OutputStream out = Files.newOutputStream(disk.resolve("filler"))) {
                byte[] block = new byte[4096];
                while (true) {
                    out.write(block);
                }
            } catch (IOException expected) {
                // The disk is full now.
            }
            DeployException e = assertThrows(DeployException.class, () -> {
                try (Transport transport = new LocalTransport(full.toString())) {
                    new Deployer(transport, new DeployLayout(full.toString()), ACTOR, listener).deploy(
                            sites.version("v1"), new DeployOptions("r1", 5, 2, LEASE, Duration.ZERO, false));
                }
            });
            assertEquals(Stage.LOCKED, e.stage());
            assertTrue(e.getMessage().contains("cannot write the lock's owner file in " + full.resolve(".zdd"))
                    && e.getMessage().contains("No space left on device"), e.getMessage());
            try (Stream<Path> state = Files.list(full.resolve(".zdd"))) {
                assertEquals(List.of(), state.map(p -> p.getFileName().toString()).toList(),
                        "no lock.new-* left behind");
            }
        }
    }
}
