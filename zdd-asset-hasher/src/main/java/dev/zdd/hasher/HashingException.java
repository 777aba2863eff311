package dev.zdd.hasher;

import dev.zdd.hasher.report.Diagnostic;

import java.util.List;
import java.util.stream.Collectors;

/** The site cannot be hashed as configured; nothing was written. Each problem names its file and line. */
public class HashingException extends Exception {
    private final List<Diagnostic> problems;

    public HashingException(String summary, List<Diagnostic> problems) {
        super(summary + (problems.isEmpty() ? "" : ":\n" + problems.stream().map(p -> "  " + p)
                .collect(Collectors.joining("\n"))));
        this.problems = List.copyOf(problems);
    }

    public List<Diagnostic> problems() {
        return problems;
    }
}
