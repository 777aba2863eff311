package dev.zdd.migrate;

import java.util.Locale;

/** How each migration file is assumed to run, which decides what the transaction rules see. */
public enum TransactionMode {
    /**
     * As Flyway runs PostgreSQL migrations: each file in one transaction, except a file holding a statement that
     * PostgreSQL refuses inside a transaction block, which runs without one.
     */
    FLYWAY,
    /** Every file in one transaction (squawk's {@code --assume-in-transaction}). */
    ALWAYS,
    /** Every file as a bare script, each statement committed on its own (squawk's default). */
    NONE;

    public static TransactionMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("zdd.transactions: '" + value + "' is not a transaction mode; use"
                    + " flyway, always or none", e);
        }
    }
}
