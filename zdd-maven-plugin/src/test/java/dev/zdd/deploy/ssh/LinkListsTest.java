package dev.zdd.deploy.ssh;

import dev.zdd.deploy.transport.Transport.Link;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkListsTest {
    private static final String PREFIX = "/srv/site/releases/";

    @Test
    void linksUnderTheSamePathFromSiblingReleasesAreListedBySource() {
        LinkLists lists = new LinkLists(List.of(
                new Link(PREFIX + "r1/a.css", "a.css"),
                new Link(PREFIX + "r0/img/b c.png", "img/b c.png"),
                new Link(PREFIX + "r1/new\nline", "new\nline")), PREFIX);
        Map<String, byte[]> listed = lists.lists();
        assertEquals(List.of("r1", "r0"), List.copyOf(listed.keySet()));
        assertEquals("a.css\0new\nline\0", new String(listed.get("r1"), StandardCharsets.UTF_8));
        assertEquals("img/b c.png\0", new String(listed.get("r0"), StandardCharsets.UTF_8));
        assertTrue(lists.others().isEmpty());
    }

    @Test
    void anyOtherLinkStaysATarEntry() {
        List<Link> others = List.of(
                new Link(PREFIX + "r1/a.css", "renamed.css"),
                new Link(PREFIX + "r1/x/../a.css", "x/../a.css"),
                new Link(PREFIX + "r1/./a.css", "./a.css"),
                new Link(PREFIX + "r1//a.css", "/a.css"),
                new Link(PREFIX + "r1/dir/", "dir/"),
                new Link(PREFIX + "a.css", "a.css"),
                new Link(PREFIX + ".hidden/a.css", "a.css"),
                new Link(PREFIX + "r..1/a.css", "a.css"),
                new Link("/elsewhere/r1/a.css", "a.css"));
        LinkLists lists = new LinkLists(others, PREFIX);
        assertTrue(lists.lists().isEmpty(), lists.lists().keySet().toString());
        assertEquals(others, lists.others());
    }

    @Test
    void theCommandQuotesTheReleaseName() {
        assertTrue(LinkLists.command("it's").contains("-t '../it'\\''s' --"), LinkLists.command("it's"));
    }
}
