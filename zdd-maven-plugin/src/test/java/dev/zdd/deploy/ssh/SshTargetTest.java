package dev.zdd.deploy.ssh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zdd.target} as users write it. Every malformed target must be an {@link IllegalArgumentException} (the
 * mojos turn it into a build failure naming the target); any other exception would surface as a plugin crash.
 */
class SshTargetTest {
    @Test
    void userHostPortAndPath() {
        SshTarget t = SshTarget.parse("ssh://deploy@web1.example.com:2222/srv/www/site");
        assertEquals(new SshTarget("deploy", "web1.example.com", 2222, "/srv/www/site"), t);
        assertEquals("[web1.example.com]:2222", t.knownHostsName());
        assertEquals("ssh://deploy@web1.example.com:2222/srv/www/site", t.toString());
    }

    @Test
    void portDefaultsTo22AndKnownHostsThenNamesTheBareHost() {
        SshTarget t = SshTarget.parse("ssh://deploy@example.com/srv/www");
        assertEquals(22, t.port());
        assertEquals("example.com", t.knownHostsName());
        assertEquals("ssh://deploy@example.com/srv/www", t.toString());
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertTrue(SshTarget.isSsh("SSH://host/srv"));
        assertEquals("host", SshTarget.parse("SSH://host/srv").host());
        assertFalse(SshTarget.isSsh("/srv/www"));
    }

    @Test
    void anIpv6LiteralInBracketsWithAPort() {
        SshTarget t = SshTarget.parse("ssh://user@[::1]:2222/srv/www");
        assertEquals(new SshTarget("user", "::1", 2222, "/srv/www"), t);
        assertEquals("[::1]:2222", t.knownHostsName());
    }

    @Test
    void anIpv6LiteralWithoutAPortIsOnPort22() {
        SshTarget t = SshTarget.parse("ssh://[2001:db8::5]/srv/www");
        assertEquals("2001:db8::5", t.host());
        assertEquals(22, t.port());
        assertNull(t.user());
    }

    @Test
    void withoutAUserTheDefaultIsFilledInAndAGivenOneIsKept() {
        assertEquals("ci", SshTarget.parse("ssh://host/srv").withDefaultUser("ci").user());
        assertEquals("deploy", SshTarget.parse("ssh://deploy@host/srv").withDefaultUser("ci").user());
    }

    @Test
    void userNamesWithOddCharacters() {
        assertEquals("first.last-ci_bot$", SshTarget.parse("ssh://first.last-ci_bot$@host/srv").user());
        // Only the last '@' ends the user: an account named after a mail address needs no escaping.
        SshTarget mail = SshTarget.parse("ssh://jane@corp.example@host/srv");
        assertEquals("jane@corp.example", mail.user());
        assertEquals("host", mail.host());
        assertEquals("jane@corp.example", SshTarget.parse("ssh://jane%40corp.example@host/srv").user());
        assertEquals("DOMAIN\\jane", SshTarget.parse("ssh://DOMAIN%5Cjane@host/srv").user());
        assertEquals("jürgen", SshTarget.parse("ssh://j%C3%BCrgen@host/srv").user());
    }

    @Test
    void thePathIsPercentDecodedAndMayHoldWhatShellsFear() {
        assertEquals("/srv/my site/$(x)", SshTarget.parse("ssh://h/srv/my%20site/%24%28x%29").path());
        assertEquals("/srv/it's a `x`; y", SshTarget.parse("ssh://h/srv/it's a `x`; y").path());
        assertEquals("/srv/100%/a", SshTarget.parse("ssh://h/srv/100%/a").path(), "a lone % stays");
    }

    @Test
    void anAtOrColonInThePathIsNotPartOfTheHost() {
        SshTarget t = SshTarget.parse("ssh://host/srv/a@b:c");
        assertNull(t.user());
        assertEquals("host", t.host());
        assertEquals(22, t.port());
        assertEquals("/srv/a@b:c", t.path());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ssh://deploy@host             | needs an absolute path after the host",
            "ssh://deploy@host/            | needs an absolute path after the host",
            "ssh://                        | needs an absolute path after the host",
            "ssh://deploy@/srv             | names no host",
            "ssh://:2222/srv               | names no host",
            "ssh://[]:2222/srv             | names no host",
            "ssh://host:0/srv              | bad port '0'",
            "ssh://host:65536/srv          | bad port '65536'",
            "ssh://host:ssh/srv            | bad port 'ssh'",
            "ssh://host:+22/srv            | bad port '+22'",
            "ssh://host:/srv               | bad port ''",
            "ssh://[::1]:99999/srv         | bad port '99999'",
            "ssh://user@[::1/srv/www       | no closing ']'",
            "ssh://[::1]2222/srv           | after ']'",
            "ssh://::1/srv                 | in brackets",
            "ssh://user@fe80::1:2222/srv   | in brackets",
            "http://host/srv               | not an ssh:// target",
    })
    void malformedTargetsSayWhatIsWrong(String target, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SshTarget.parse(target));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(target), "names the target: " + e.getMessage());
    }
}
