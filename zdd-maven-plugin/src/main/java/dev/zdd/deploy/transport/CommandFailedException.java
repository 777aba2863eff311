package dev.zdd.deploy.transport;

import java.io.IOException;

/** A command on a host that ran and exited with a status other than 0; its error output is in the message. */
public class CommandFailedException extends IOException {
    private final int exitStatus;
    private final String errorOutput;

    public CommandFailedException(String message, int exitStatus, String errorOutput) {
        super(message);
        this.exitStatus = exitStatus;
        this.errorOutput = errorOutput;
    }

    public int exitStatus() {
        return exitStatus;
    }

    /** What the command wrote to its standard error, as written. */
    public String errorOutput() {
        return errorOutput;
    }
}
