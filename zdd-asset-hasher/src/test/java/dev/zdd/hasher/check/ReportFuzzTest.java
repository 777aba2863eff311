package dev.zdd.hasher.check;

import dev.zdd.hasher.hostile.Fuzz;
import dev.zdd.hasher.report.Diagnostic;
import dev.zdd.hasher.report.ReportText;
import dev.zdd.hasher.report.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generated problems with any text through the three report writers and the log lines. */
class ReportFuzzTest {
    private static final List<String> PIECES = List.of("a", "/", "é", "\0", "\u0001", "\u001b[31m", "\b", "\t", "\n",
            "\r", "\u007f", "\u0085", "\ud800", "\udfff", "\ud83d\ude00", "\ufffe", "\uffff", "<", ">", "&", "\"",
            "'", "]]>", "<!--", "\\", "%00", "x".repeat(300), "\u2028", "\u202e");

    @TempDir
    Path temp;

    private static CheckResult result(Random random) {
        List<Diagnostic> problems = new ArrayList<>();
        ProblemKind[] kinds = ProblemKind.values();
        for (int i = random.nextInt(6); i > 0; i--) {
            ProblemKind kind = kinds[random.nextInt(kinds.length)];
            problems.add(new Diagnostic(random.nextBoolean() ? Severity.ERROR : Severity.WARNING, kind.id(),
                    Fuzz.text(random, PIECES, 6), random.nextInt(3), random.nextInt(3), Fuzz.text(random, PIECES, 8),
                    Fuzz.text(random, PIECES, 8), Fuzz.text(random, PIECES, 3)));
        }
        String removed = Fuzz.text(random, PIECES, 4);
        Map<SizeCategory, Long> current = new EnumMap<>(SizeCategory.class);
        for (SizeCategory category : SizeCategory.values()) {
            current.put(category, (long) random.nextInt(5000));
        }
        List<FileChange> changed = List.of(new FileChange(removed, 10, 0));
        SizeReport sizes = new SizeReport(current, current, Fuzz.text(random, PIECES, 3), changed, changed, changed);
        return new CheckResult(Path.of("site"), List.of(kinds), problems, sizes,
                new CheckResult.Statistics(1, 1, problems.size(), 1));
    }

    @Test
    void everyReportIsValidAndTheSameTwiceForAnyText() {
        Fuzz.check(300, ReportFuzzTest::result, result -> {
            try {
                Path first = temp.resolve("first");
                Path second = temp.resolve("second");
                CheckReports.write(result, first);
                CheckReports.write(result, second);
                ReportValidity.assertValid(first, result.problems().size());
                for (String name : List.of(CheckReports.JSON, CheckReports.JUNIT, CheckReports.HTML)) {
                    assertArrayEquals(Files.readAllBytes(first.resolve(name)), Files.readAllBytes(second.resolve(name)),
                            name);
                }
                for (String line : CheckConsoleReport.lines(result)) {
                    assertEquals(ReportText.printable(line), line);
                    assertTrue(line.length() < 3 * ReportText.QUOTE_LIMIT + 2_100, line.length() + " characters");
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}
