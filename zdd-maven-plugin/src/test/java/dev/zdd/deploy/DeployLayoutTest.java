package dev.zdd.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Where things live under a deploy root, and which release a {@code current} link names. */
class DeployLayoutTest {
    final DeployLayout layout = new DeployLayout("/srv/www/");

    @Test
    void theRootLosesTrailingSlashesAndMustBeAbsolute() {
        assertEquals("/srv/www", layout.root());
        assertEquals("/srv/www/releases/r1/.zdd/release.json", layout.releaseInfo("r1"));
        assertThrows(IllegalArgumentException.class, () -> new DeployLayout("srv/www"));
    }

    @Test
    void currentPointsAtARelativeTarget() {
        // Relative, so the whole root can be moved or mounted elsewhere and current still resolves.
        assertEquals("releases/r1", layout.linkTarget("r1"));
        assertEquals("r1", layout.idOfLinkTarget(layout.linkTarget("r1")));
    }

    @Test
    void linkTargetsWrittenByHandAreRead() {
        assertEquals("r1", layout.idOfLinkTarget("releases/r1/"));
        assertEquals("20261204T101500.000Z-3f2a1b4",
                layout.idOfLinkTarget("/srv/www/releases/20261204T101500.000Z-3f2a1b4"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"releases", "releases/", "releases/r1/css", "releases//r1", "/other/releases/r1",
            "../www/releases/r1", "/srv/www/releases", "site-v1", "releases/.", "releases/..", "/srv/www/releases/.."})
    void anythingButAFolderInReleasesIsNoRelease(String target) {
        assertNull(layout.idOfLinkTarget(target), target);
    }
}
