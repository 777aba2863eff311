package dev.zdd.hasher.refs;

import dev.zdd.hasher.hostile.Fuzz;
import dev.zdd.hasher.naming.HashedName;
import dev.zdd.hasher.site.UrlResolver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every reader must keep for any text: ranges inside the text, in order, not overlapping; the same result
 * twice; and a rewrite that touches only the URLs' ranges and reads back as exactly the URLs written.
 */
final class ReferenceProperties {
    private static final String HASH = "1a2b3c4d";
    private static final UrlResolver RESOLVER = new UrlResolver("/", List.of());

    private ReferenceProperties() {
    }

    static void check(FileReader reader, String path, String text) {
        ParsedFile parsed = reader.read(path, text);
        List<Reference> references = parsed.references();
        assertEquals(summary(references), summary(reader.read(path, text).references()), "the same twice");
        List<Reference> ordered = new ArrayList<>(references);
        ordered.sort(Comparator.comparingInt(r -> r.range().start()));
        int previousEnd = 0;
        for (Reference r : ordered) {
            assertTrue(r.range().start() >= previousEnd && r.range().end() >= r.range().start()
                    && r.range().end() <= text.length(), "range " + r.range() + " of " + Fuzz.escape(r.url()));
            previousEnd = r.range().end();
        }

        List<String> expected = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (Reference r : ordered) {
            String newUrl = rewritten(path, r.url());
            expected.add(newUrl);
            if (newUrl.equals(r.url())) {
                continue;
            }
            Reference.Edit edit = r.edit(text, newUrl);
            assertTrue(edit.range().start() >= r.range().start() && edit.range().end() <= r.range().end(),
                    "the edit " + edit.range() + " stays inside the URL's range " + r.range());
            out.append(text, copied, edit.range().start()).append(edit.text());
            copied = edit.range().end();
        }
        out.append(text, copied, text.length());
        String output = out.toString();
        List<String> reread = reader.read(path, output).references().stream()
                .sorted(Comparator.comparingInt(r -> r.range().start())).map(Reference::url).toList();
        assertEquals(expected, reread, "the rewritten text reads back as the new URLs:\n"
                + Fuzz.escape(output));
    }

    /** What hashing writes for {@code url}: the hash slotted into its file name, when it names a file here. */
    private static String rewritten(String source, String url) {
        UrlResolver.Target target = RESOLVER.resolve(source, url);
        if (!target.isLocal() || target.directory() || target.path().isEmpty()) {
            return url;
        }
        String name = target.path().substring(target.path().lastIndexOf('/') + 1);
        return HashedName.inUrl(url, HashedName.of(name, HASH), HASH);
    }

    private static List<String> summary(List<Reference> references) {
        return references.stream().map(r -> r.kind() + " " + r.url() + " " + r.range()).toList();
    }
}
