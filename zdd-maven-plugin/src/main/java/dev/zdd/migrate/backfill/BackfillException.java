package dev.zdd.migrate.backfill;

/** A backfill that cannot start or go on, with what to do about it; rows already done stay done. */
public class BackfillException extends Exception {
    public BackfillException(String message, Throwable cause) {
        super(message, cause);
    }

    public BackfillException(String message) {
        super(message);
    }
}
