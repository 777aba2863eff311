package dev.zdd.hasher.report;

public enum Severity {
    ERROR, WARNING, INFO
}
