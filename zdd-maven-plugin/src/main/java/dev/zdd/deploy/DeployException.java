package dev.zdd.deploy;

/** A deploy that cannot go on for a reason the user can act on; the message says what and what to do. */
public class DeployException extends Exception {
    private final Stage stage;

    public DeployException(Stage stage, String message) {
        super(message);
        this.stage = stage;
    }

    public DeployException(Stage stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    /** The stage that failed. */
    public Stage stage() {
        return stage;
    }
}
