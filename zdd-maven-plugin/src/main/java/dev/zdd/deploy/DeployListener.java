package dev.zdd.deploy;

/** What a deploy reports while it runs; the Maven goals print it to the build log. */
public interface DeployListener {
    void stage(Stage stage, String detail);

    /** Upload progress: files and bytes sent so far, of the totals. */
    void progress(int files, int totalFiles, long bytes, long totalBytes, long elapsedMillis);

    void info(String line);

    void warn(String line);
}
