package dev.zdd.deploy;

/** What a deploy reports while it runs; the Maven goals print it to the build log. */
public interface DeployListener {
    void stage(Stage stage, String detail);

    /** Upload progress: files and bytes sent so far, of the totals. */
    void progress(int files, int totalFiles, long bytes, long totalBytes, long elapsedMillis);

    void info(String line);

    void warn(String line);

    /** A listener that drops everything (a deploy nobody watches, such as a test's set-up). */
    static DeployListener silent() {
        return new DeployListener() {
            @Override
            public void stage(Stage stage, String detail) {
            }

            @Override
            public void progress(int files, int totalFiles, long bytes, long totalBytes, long elapsedMillis) {
            }

            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
            }
        };
    }
}
